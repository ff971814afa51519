import pytest

from .cases import build_boras_case


@pytest.fixture
def case(boras, centre_val_de_loire):
    return build_boras_case(boras, centre_val_de_loire)
