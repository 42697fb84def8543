"""Exercise programmes that progress with the knee (issue 10, docs/programmes.md).

`load.load_library()` reads the exercises and programmes; `choose.offer` says
which programme fits an assessment; `progress.decide` applies the
pain-monitoring model to logged sessions; `schedule` plans the sessions and
writes them as iCalendar; `store` keeps enrolments and logs in the diary.
"""
