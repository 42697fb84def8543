"""Typed dependencies of the routes, as `Annotated` aliases.

`DiaryDep` is the open diary database (the app opens it once, at creation),
`KnowledgeDep` the validated knowledge base, `SettingsDep` the settings the
app was made with.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kneewise.diary.storage import Diary
from kneewise.knowledge.model import KnowledgeBase
from kneewise.settings import Settings


def get_diary(request: Request) -> Diary:
    """The diary the app opened."""
    diary: Diary = request.app.state.diary
    return diary


def get_knowledge(request: Request) -> KnowledgeBase:
    """The knowledge base the app loaded."""
    knowledge: KnowledgeBase = request.app.state.knowledge
    return knowledge


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


DiaryDep = Annotated[Diary, Depends(get_diary)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(get_knowledge)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
