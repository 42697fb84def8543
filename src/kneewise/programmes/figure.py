"""Line drawings of exercises, drawn from joint angles by a pure function.

`figure_svg(figure, title)` turns a `Figure` (trunk lean, each limb's angle
and bend, a few props) into a small SVG stick figure seen from the side,
facing right. The near limbs are drawn dark, the far ones light. Nothing is
copied from anywhere: the picture is only the angles in the exercise's data.

Units: body segments are in body heights (a thigh is 0.245 of standing
height, after Winter's anthropometric table, rounded); the SVG scales them
to `SCALE` pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from kneewise.programmes.model import Figure, Limb

# Segment lengths as fractions of body height (Winter, Biomechanics and Motor Control
# of Human Movement, 4th ed., table 4.1, rounded): they only make the drawing look human.
TRUNK = 0.30
THIGH = 0.245
SHIN = 0.246
UPPER_ARM = 0.186
FOREARM = 0.146
FOOT = 0.08
HEAD_RADIUS = 0.06
NECK = 0.03
SCALE = 200  # pixels per body height
STEP_HEIGHT = 0.12
MARGIN = 0.06


@dataclass(frozen=True)
class Point:
    x: float
    y: float  # up is positive here; flipped when written to SVG

    def towards(self, angle_deg: float, length: float, *, up: bool = False) -> Point:
        """The point `length` away at `angle_deg` from straight down (or up), forward positive."""
        radians = math.radians(angle_deg)
        dy = math.cos(radians) * length
        return Point(self.x + math.sin(radians) * length, self.y + (dy if up else -dy))


def _leg(hip: Point, limb: Limb) -> list[Point]:
    knee = hip.towards(limb.upper, THIGH)
    shin = limb.upper - limb.bend
    ankle = knee.towards(shin, SHIN)
    radians = math.radians(shin)
    toe = Point(ankle.x + math.cos(radians) * FOOT, ankle.y + math.sin(radians) * FOOT)
    return [hip, knee, ankle, toe]


def _arm(shoulder: Point, limb: Limb) -> list[Point]:
    elbow = shoulder.towards(limb.upper, UPPER_ARM)
    hand = elbow.towards(limb.upper + limb.bend, FOREARM)
    return [shoulder, elbow, hand]


def figure_svg(figure: Figure, title: str = "") -> str:
    """An SVG document (a string) of the figure; deterministic, no external references."""
    pelvis = Point(0.0, 0.0)
    shoulder = pelvis.towards(figure.trunk, TRUNK, up=True)
    head = shoulder.towards(figure.trunk, NECK + HEAD_RADIUS, up=True)
    near_leg, far_leg = _leg(pelvis, figure.near_leg), _leg(pelvis, figure.far_leg)
    near_arm, far_arm = _arm(shoulder, figure.near_arm), _arm(shoulder, figure.far_arm)
    body = [pelvis, shoulder, *near_leg, *far_leg, *near_arm, *far_arm]
    floor = min(min(p.y for p in body), head.y - HEAD_RADIUS)
    near_foot = min(near_leg[2].y, near_leg[3].y)
    raised = "step" in figure.props or "box" in figure.props
    if raised and near_foot - floor < STEP_HEIGHT / 2:
        floor = near_foot - STEP_HEIGHT * (2 if "box" in figure.props else 1)
    shapes: list[str] = []
    xs = [p.x for p in body] + [head.x - HEAD_RADIUS, head.x + HEAD_RADIUS]
    ys = [p.y for p in body] + [head.y + HEAD_RADIUS, floor]
    if raised:
        left, right = near_leg[2].x - 0.1, near_leg[3].x + 0.1
        shapes.append(_rect(left, floor, right, near_foot, "prop"))
        xs += [left, right]
    if "chair" in figure.props:
        seat = pelvis.y - 0.03
        shapes.append(_line(Point(pelvis.x - 0.14, seat), Point(pelvis.x + 0.08, seat), "prop"))
        shapes.append(_line(Point(pelvis.x - 0.14, seat), Point(pelvis.x - 0.14, floor), "prop"))
        shapes.append(_line(Point(pelvis.x + 0.08, seat), Point(pelvis.x + 0.08, floor), "prop"))
        shapes.append(
            _line(Point(pelvis.x - 0.14, seat), Point(pelvis.x - 0.14, seat + 0.2), "prop")
        )
        xs += [pelvis.x - 0.14]
        ys += [seat + 0.2]
    if "wall" in figure.props:
        wall_x = min(pelvis.x, shoulder.x, head.x - HEAD_RADIUS) - 0.02
        shapes.append(_line(Point(wall_x, floor), Point(wall_x, max(ys)), "prop"))
    if "rail" in figure.props:
        rail_x = max(xs) + 0.08
        shapes.append(_line(Point(rail_x, floor), Point(rail_x, shoulder.y - 0.1), "prop"))
        xs.append(rail_x)
    shapes += [_path(far_leg, "far"), _path(far_arm, "far"), _line(pelvis, shoulder, "near")]
    shapes += [_path(near_leg, "near"), _path(near_arm, "near"), _circle(head, HEAD_RADIUS)]
    if "band" in figure.props:
        shapes.append(_line(near_leg[1], far_leg[1], "band"))
        middle = Point((near_leg[1].x + far_leg[1].x) / 2, (near_leg[1].y + far_leg[1].y) / 2)
        shapes.append(_circle(middle, 0.025, "band"))
    if "weight" in figure.props:
        hand = near_arm[2]
        shapes.append(_rect(hand.x - 0.03, hand.y - 0.07, hand.x + 0.03, hand.y, "weight"))
    if "bar" in figure.props:
        shapes.append(_circle(Point(shoulder.x - 0.02, shoulder.y + 0.01), 0.04, "weight"))
    shapes.insert(0, _line(Point(min(xs) - MARGIN, floor), Point(max(xs) + MARGIN, floor), "floor"))
    return _document(
        shapes, min(xs) - MARGIN, max(xs) + MARGIN, floor - MARGIN, max(ys) + MARGIN, title
    )


def _fmt(value: float) -> str:
    return f"{value * SCALE:.1f}"


def _line(start: Point, end: Point, kind: str) -> str:
    return (
        f'<line {_LOOK[kind]} {_ROUND} x1="{_fmt(start.x)}" y1="{_fmt(-start.y)}" '
        f'x2="{_fmt(end.x)}" y2="{_fmt(-end.y)}"/>'
    )


def _path(points: list[Point], kind: str) -> str:
    coords = " ".join(f"{_fmt(p.x)},{_fmt(-p.y)}" for p in points)
    return f'<polyline {_LOOK[kind]} {_ROUND} points="{coords}"/>'


def _circle(centre: Point, radius: float, kind: str = "head") -> str:
    return (
        f'<circle {_LOOK[kind]} cx="{_fmt(centre.x)}" cy="{_fmt(-centre.y)}" r="{_fmt(radius)}"/>'
    )


def _rect(left: float, bottom: float, right: float, top: float, kind: str) -> str:
    return (
        f'<rect {_LOOK[kind]} x="{_fmt(left)}" y="{_fmt(-top)}" '
        f'width="{_fmt(right - left)}" height="{_fmt(top - bottom)}"/>'
    )


# Presentation attributes, not a <style> element: a page's Content-Security-Policy
# (no inline styles) must not turn the drawing into black blobs.
_LOOK: dict[str, str] = {
    "near": 'fill="none" stroke="#1f2937" stroke-width="7"',
    "far": 'fill="none" stroke="#9ca3af" stroke-width="7"',
    "head": 'fill="#ffffff" stroke="#1f2937" stroke-width="6"',
    "floor": 'fill="none" stroke="#6b7280" stroke-width="2"',
    "prop": 'fill="none" stroke="#6b7280" stroke-width="3"',
    "band": 'fill="none" stroke="#dc2626" stroke-width="4"',
    "weight": 'fill="#4b5563" stroke="#1f2937" stroke-width="3"',
}
_ROUND = 'stroke-linecap="round" stroke-linejoin="round"'


def _document(
    shapes: list[str], left: float, right: float, bottom: float, top: float, title: str
) -> str:
    width, height = (right - left) * SCALE, (top - bottom) * SCALE
    label = escape(title or "exercise", quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
        f'viewBox="{left * SCALE:.1f} {-top * SCALE:.1f} {width:.1f} {height:.1f}" '
        f'width="{width:.0f}" height="{height:.0f}">'
        f"<title>{escape(title or 'exercise')}</title>" + "".join(shapes) + "</svg>"
    )
