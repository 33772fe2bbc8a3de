"""Pages for people: the browser terminal of an allocation and the playground.

They are served by the simulator beside the API (`http/app.py` adds their routes); their
HTML, style and scripts are in `gpuaas_sim/static/`, and xterm.js, which the terminal
page runs, is copied into `static/assets/vendor/` by the project's setup
(`scripts/bundle_web.py`).
"""
