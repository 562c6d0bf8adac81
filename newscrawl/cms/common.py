"""What Korean news pages share whatever their CMS."""

from __future__ import annotations

KOREAN_PROMO_LINES = (
    r"[\[(<]?\s*(?:광고|AD|PR)\s*[\])>]?",
    # 관련기사 boxes: "[관련기사] …", "▶ 관련기사 …", "관련기사: …", or the bare heading.
    r"(?:[▶▷■◆☞]\s*)?[\[【<(]\s*관련\s*기사\s*[\]】>)].*",
    r"[▶▷■◆☞]\s*관련\s*기사.*",
    r"관련\s*기사\s*(?:[:：▶☞].*)?",
    # Reporter sign-offs: "홍길동 기자 hong@example.kr", "(hong@example.kr)", "홍길동 기자".
    r"[/\-–]?\s*(?:[가-힣]{2,5}\s*(?:기자|특파원|통신원)\s*)?[(<\[]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>\]]?",
    r"[/\-–]?\s*[가-힣]{2,5}\s*(?:기자|특파원|통신원)",
    # Copyright lines.
    r"[<\[(]?\s*(?i:copyright\b|ⓒ|©|\(c\)\s|저작권자\s*[ⓒ©(]).{0,120}",
    r".{0,60}무단\s*전재\s*(?:및|&|와|,|-)?\s*재배포\s*금지[\s.)\]>]*",
)
"""Whole-line patterns of ad labels, 관련기사 lines, reporter sign-offs and copyright lines
inside an article body (each anchored to the whole line, so prose that merely mentions these
words stays)."""
