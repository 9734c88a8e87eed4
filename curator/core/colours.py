"""Label colours as the eye (and three kinds of colour vision) sees them: tint, CVD simulation, CIEDE2000.

The window paints each label's colour at ``TINT_ALPHA`` over white behind black
text. ``palette_report`` measures every pair of labels as painted, for normal
vision and simulated protanopia and deuteranopia (Machado, Oliveira & Fernandes
2009, severity 1.0, applied in linear RGB), as CIEDE2000 differences; and each
tint's contrast with black text (WCAG). ``tests/test_palette.py`` holds the
taxonomy's palette (Okabe–Ito hues plus three greys) to a floor on both.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

TINT_ALPHA = 150  # of 255: the label colour behind the text (selected segments are drawn opaque)

_MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("normal", "protanopia", "deuteranopia")

RGB = tuple[float, float, float]


def hex_rgb(colour: str) -> RGB:
    h = colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"colour {colour!r} is not #rrggbb")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def _to_linear(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_srgb(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def tint(rgb: RGB, alpha: int = TINT_ALPHA) -> RGB:
    """``rgb`` painted at ``alpha`` (of 255) over white."""
    a = alpha / 255
    return (a * rgb[0] + (1 - a) * 255, a * rgb[1] + (1 - a) * 255, a * rgb[2] + (1 - a) * 255)


def simulate(rgb: RGB, vision: str) -> RGB:
    """How ``rgb`` looks with ``vision`` (normal, protanopia, deuteranopia, tritanopia)."""
    if vision == "normal":
        return rgb
    m = _MACHADO[vision]
    lin = [_to_linear(c) for c in rgb]
    return tuple(_to_srgb(sum(m[i][j] * lin[j] for j in range(3))) for i in range(3))  # type: ignore[return-value]


def luminance(rgb: RGB) -> float:
    r, g, b = (_to_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_black(rgb: RGB) -> float:
    """WCAG contrast ratio of black text on ``rgb`` (4.5 is AA, 7 is AAA)."""
    return (luminance(rgb) + 0.05) / 0.05


def lab(rgb: RGB) -> RGB:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = (_to_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e2000(lab1: RGB, lab2: RGB) -> float:
    """CIEDE2000 colour difference (about 1: just noticeable; 5+: plainly different side by side)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (dc / s_c) * (d_h / s_h))


@dataclass(frozen=True)
class PairDistance:
    delta: float
    vision: str
    first: str
    second: str

    def __str__(self) -> str:
        return f"{self.first}/{self.second} ΔE00 {self.delta:.1f} ({self.vision})"


def palette_report(colours: dict[str, str], *, alpha: int = TINT_ALPHA,
                   visions: tuple[str, ...] = VISIONS) -> list[PairDistance]:
    """Every pair of ``colours`` (name -> #rrggbb) as painted, for each vision, closest first."""
    out = []
    for vision in visions:
        labs = {name: lab(simulate(tint(hex_rgb(c), alpha), vision)) for name, c in colours.items()}
        for a, b in itertools.combinations(colours, 2):
            out.append(PairDistance(delta_e2000(labs[a], labs[b]), vision, a, b))
    return sorted(out, key=lambda p: p.delta)
