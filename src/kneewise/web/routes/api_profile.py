"""The diary's profile: read it, replace it (PUT) or change some fields (PATCH)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from kneewise.diary.records import ProfileRecord, build
from kneewise.diary.repository import get_profile, update_profile
from kneewise.web.deps import DiaryDep
from kneewise.web.json_body import JsonRoute
from kneewise.web.profile_schemas import ProfileIn, ProfileOut

router = APIRouter(prefix="/profile", tags=["diary"], route_class=JsonRoute)


def _record(fields: dict[str, Any]) -> ProfileRecord:
    if fields.get("sports") is None and "sports" in fields:
        fields["sports"] = []
    return build(ProfileRecord, fields)


@router.get("", response_model=ProfileOut)
def read_profile(diary: DiaryDep) -> ProfileOut:
    """The profile; every field null until told."""
    return ProfileOut.of(get_profile(diary))


@router.put("", response_model=ProfileOut)
def replace_profile(body: ProfileIn, diary: DiaryDep) -> ProfileOut:
    """Replace the whole profile: a field left out is cleared."""
    return ProfileOut.of(update_profile(diary, _record(body.model_dump())))


@router.patch("", response_model=ProfileOut)
def change_profile(body: ProfileIn, diary: DiaryDep) -> ProfileOut:
    """Change only the fields given (null clears one); the others keep their values."""
    return ProfileOut.of(update_profile(diary, _record(body.model_dump(exclude_unset=True))))
