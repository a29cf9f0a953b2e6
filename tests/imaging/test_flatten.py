"""The sheet in a phone photo: found where it is, flattened; no sheet invented where there is none."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from photos import CORNERS, PHOTO_SIZE, background, drawn_page, photograph
from secordoc.imaging.flatten import even_light, find_page, flatten

#: Corners found within this many pixels of where the page was laid (0.75% of the photo's height).
TOLERANCE = 15.0


def distances(found, expected):  # type: ignore[no-untyped-def]
    return [float(np.hypot(a[0] - b[0], a[1] - b[1])) for a, b in zip(found, expected)]


def test_the_corners_of_a_photographed_page_are_found():
    quad = find_page(photograph(drawn_page()))
    assert quad is not None
    assert max(distances(quad.corners, CORNERS)) < TOLERANCE


def test_a_page_running_off_the_photo_gets_its_corner_by_extending_its_sides():
    corners = ((230.0, 260.0), (1390.0, 190.0), (1460.0, 1780.0), (-60.0, 2100.0))  # bottom-left off the frame
    quad = find_page(photograph(drawn_page(), corners))
    assert quad is not None
    found = distances(quad.corners, corners)
    assert max(found[:3]) < TOLERANCE
    assert found[3] < 60  # extended from two sides seen over a short stretch: 3% of the photo's height


def test_flattened_page_is_upright_rectangle_of_the_sheet():
    page = drawn_page()
    photo = photograph(page)
    flat = flatten(photo, find_page(photo))  # type: ignore[arg-type]
    width, height = flat.size
    assert abs(width / height - page.width / page.height) < 0.05
    grey = np.asarray(flat)
    # the title's row is dark somewhere near the top, the margins are paper-white all round
    assert grey[: height // 10, :].min() < 100
    assert np.median(grey[:, : width // 20]) > 200 and np.median(grey[:, -width // 20:]) > 200


@pytest.mark.parametrize("scene", ["table", "scan", "gradient"])
def test_no_sheet_no_page(scene):
    if scene == "table":  # a photo of the table alone
        image = Image.fromarray(background())
    elif scene == "scan":  # a scan: the page is the whole frame
        image = drawn_page()
    else:  # a sky, a wall: smooth light, no edges
        ramp = np.linspace(90, 200, PHOTO_SIZE[1])[:, None].repeat(PHOTO_SIZE[0], axis=1)
        image = Image.fromarray(ramp.astype(np.uint8))
    assert find_page(image) is None


def test_even_light_whitens_a_shadowed_page_and_keeps_ink():
    page = np.full((400, 600), 235, np.uint8)
    page[180:200, 100:500] = 30  # a line of ink
    shadow = np.linspace(1.0, 0.55, 600)[None, :]
    shaded = (page * shadow).astype(np.uint8)
    out = even_light(shaded)
    paper = np.concatenate([out[50:150, 20:80].ravel(), out[50:150, 520:580].ravel()])
    assert paper.min() > 230  # the dark side is paper-white again
    assert out[185:195, 120:480].max() < 80  # the ink stays dark
