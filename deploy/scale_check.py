"""`make scale-check`: two app instances on two ports, as two hosts would be, behind the shipped
nginx configuration, sharing one PostgreSQL (a throwaway database on DATABASE_URL's server, or
the local one) and one Redis (CACHE_URL's server, or the local one, under a key prefix of its
own that is deleted at the end: it never clears keys it did not write). It shows, with figures:

1. the patient rate limit holds across instances (requests alternate between them);
2. the staff sign-in lock-out holds across instances;
3. a change a staff member saves in the admin of instance A shows at once on B, and through
   nginx within the production front-cache times (measured, in seconds);
4. killing one instance mid-load costs no GET that nginx could retry (every GET whose instance
   died before answering goes to the other; one cut after its header reached the client cannot
   be, and nginx logs it as "prematurely closed ... while reading upstream") and no patient's
   request: every post sent is counted, every answer, and every row stored; any 5xx a patient
   saw, any request stored twice and any request lost fails the check.

`--repeat N` runs step 4 N times (the killed instance is started again between runs) and
reports the worst run. Every process it starts is stopped at the end. (bandit's nosec marks:
the URLs opened are our own servers on loopback, B310; the programs run are ours, B404.)
"""

import argparse
import json
import os
import re
import secrets
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import ExitStack
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import (  # noqa: E402  (a script beside this one)
    PYTHON,
    free_port,
    manage,
    nginx_config,
    process,
    site_environment,
    throwaway_database,
    wait_for,
    wrk,
)

# A staff account of the throwaway site, deleted with it (bandit B105).
PASSWORD = "scale-check-password-1"  # nosec B105
ARTICLE = "/articles/physical-therapy-for-sciatica/"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(url, data=None, cookie=""):
    """One request without a cookie jar (the site's cookies are Secure; this is plain HTTP)."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Cookie": cookie})
    try:
        with OPENER.open(request, timeout=30) as response:  # nosec B310
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def form_state(url):
    """The CSRF cookie and the form's hidden fields, as a browser would have them."""
    _, html, headers = call(url)
    cookie = "; ".join(
        c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or [] if "csrftoken" in c
    )
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    return cookie, hidden


class Browser:
    """A visitor with cookies of its own (the site's are Secure; this is plain HTTP)."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}

    def go(self, path: str, data: dict | None = None):
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status, html, headers = call(self.base + path, data, cookie)
        for header in headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return status, html, headers

    def submit(self, path: str, changes: dict, button: str = "") -> tuple[int, str]:
        """Load the page, post its form back with `changes`, as a person pressing its button."""
        _, html, _ = self.go(path)
        forms = FormFields()
        forms.feed(html)
        # The page's form that has the fields to change (the admin's header has a sign-out form).
        values = next(form for form in forms.forms if set(changes) <= set(form))
        data = {**values, **changes}
        if button:
            data[button] = "1"
        status, html, headers = self.go(path, data)
        return status, headers.get("Location", "")


class FormFields(HTMLParser):
    """The values a browser would send for each post form on a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.values: dict[str, str] = {}
        self._in_form = False
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._in_form = True
            self.values = {}
            self.forms.append(self.values)
        if not self._in_form or not a.get("name") and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values[a["name"]] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self.values.setdefault(a["name"], "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


def submit_request(base, name="Check"):
    cookie, hidden = form_state(base + "/request-appointment/")
    data = {
        **hidden,
        "first_name": "Scale",
        "last_name": name,
        "phone": "(410) 555-0142",
        "contact_method": "phone",
        "reason": "other",
        "patient_type": "new",
        "consent": "on",
        "website": "",
    }
    return call(base + "/request-appointment/", data, cookie)[0]


def sign_in(base, password):
    cookie, hidden = form_state(base + "/admin/login/")
    data = {**hidden, "username": "desk", "password": password, "next": "/admin/"}
    return call(base + "/admin/login/", data, cookie)[0]


def staff_signed_in(base: str, totp_key: bytes) -> Browser:
    """An editor signed in as in production: password, then the authenticator app's code."""
    from django_otp.oath import totp

    editor = Browser(base)
    status, location = editor.submit(
        "/admin/login/?next=/admin/", {"username": "editor", "password": PASSWORD}
    )
    if status != 302:
        raise SystemExit(f"The editor's sign-in answered {status}.")
    status, _, headers = editor.go(location)  # the admin sends a password-only session on
    if status != 302:
        raise SystemExit(f"The admin answered {status} before the second factor.")
    verify = urllib.parse.urlsplit(headers["Location"])
    code = f"{totp(totp_key):06d}"
    status, _ = editor.submit(f"{verify.path}?{verify.query}", {"code": code})
    if status != 302:
        raise SystemExit(f"The second factor answered {status}.")
    return editor


def stored_names(env) -> list[str]:
    out = manage(
        env,
        "shell",
        "-c",
        "import json\n"
        "from appointments.models import AppointmentRequest as R\n"
        "print(json.dumps(list(R.objects.values_list('last_name', flat=True))))",
    )
    return json.loads(out.strip().splitlines()[-1])


def start_instances(stack, env, ports, **settings):
    masters = []
    for port in ports:
        app_env = {**env, **settings, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
        masters.append(
            stack.enter_context(
                process([str(Path(PYTHON).parent / "gunicorn"), "forever_fit.wsgi"], app_env)
            )
        )
    for port in ports:
        wait_for(f"http://127.0.0.1:{port}/healthz")
    return masters


def kill_under_load(env, nginx, run: int, masters, ports, stack, work: Path) -> dict:
    """Kill instance A 2 s into 4 s of load while patients send the form; count everything."""
    if masters[0].poll() is not None:  # killed by the run before: start it again
        masters[0] = start_instances(
            stack, env, ports[:1], APPOINTMENT_RATE_LIMIT_PER_HOUR="100000"
        )[0]
    answers = []

    def patients():
        for n in range(30):
            name = f"run{run}-{n}"
            try:
                answers.append((name, submit_request(nginx, name)))
            except OSError:
                answers.append((name, 0))

    log = work / "nginx-error.log"
    log_start = log.stat().st_size if log.exists() else 0
    submitter = threading.Thread(target=patients)
    killer = threading.Timer(2.0, lambda: os.killpg(masters[0].pid, signal.SIGKILL))
    submitter.start()
    killer.start()
    load = wrk(nginx + "/request-appointment/")  # never cached: every GET reaches an app
    submitter.join()
    killer.join()
    stored = stored_names(env)
    # What nginx saw of the killed instance: how each failed try ended, and whether it was
    # passed on to the other instance (the GETs a client may still have lost).
    with log.open() as errors:
        errors.seek(log_start)
        upstream = [
            re.sub(r"^\d+#\d+: \*\d+ ", "", line.split("] ", 1)[-1].split(", client:")[0])
            for line in errors
            if "upstream" in line
        ]
    told = [name for name, status in answers if status == 302]
    return {
        "gets": load["requests"],
        "get_errors": load["errors"],
        "get_error_kinds": f"{load['socket_errors']} non-2xx {load['non_2xx']}",
        "nginx": Counter(upstream).most_common(),
        # The killed worker had sent its answer's header, not its body: the client has the
        # header already, so no proxy can send the request elsewhere. Every other lost GET
        # is a failure of ours.
        "cut_mid_answer": sum("while reading upstream" in line for line in upstream),
        "posts": len(answers),
        "received": len(told),
        "errors_seen": sorted({status for _, status in answers if status != 302}),
        "stored": sum(1 for name, _ in answers if name in stored),
        "lost": sum(1 for name in told if name not in stored),
        "twice": sum(1 for name, _ in answers if stored.count(name) > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of the kill check")
    repeat = parser.parse_args().repeat
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"
    redis = urllib.parse.urlsplit(os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/12")
    prefix = f"scale-check-{secrets.token_hex(4)}"
    results = []
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ff-scale-")))
        work.chmod(0o755)
        database, _ = stack.enter_context(throwaway_database(work))
        stack.callback(forget_keys, redis, prefix)
        env = site_environment(
            work,
            database,
            APPOINTMENT_FORM_MIN_SECONDS="0",
            CACHE_URL=redis.geturl(),
            CACHE_KEY_PREFIX=prefix,
            STAFF_LOGIN_MAX_FAILURES="3",
        )
        for name in ("PAGE_FRONT_CACHE_SECONDS", "PAGE_STALE_SECONDS"):
            env.pop(name, None)  # the production defaults
        print("Building the site on PostgreSQL, with Redis as the shared cache...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput", "-v0")
        out = manage(env, "shell", "-c", SETUP)
        totp_key, article_id = out.strip().splitlines()[-1].split()
        ports = [free_port(), free_port()]
        front, static = free_port(), free_port()
        a, b = (f"http://127.0.0.1:{port}" for port in ports)

        # 1 and 2: limits counted in the shared stores, whichever instance answers.
        phase = ExitStack()
        start_instances(phase, env, ports, APPOINTMENT_RATE_LIMIT_PER_HOUR="3")
        statuses = [submit_request(base) for base in (a, b, a, b)]
        results.append(
            (
                "Rate limit 3/hour, requests alternating A, B, A, B",
                statuses == [302, 302, 302, 429],
                f"statuses {statuses}",
            )
        )
        tries = [sign_in(base, "wrong") for base in (a, b, a)] + [sign_in(b, PASSWORD)]
        results.append(
            (
                "Sign-in lock-out after 3 failures (A, B, A), then the right password on B",
                tries[-1] == 429,
                f"statuses {tries}",
            )
        )
        phase.close()
        manage(env, "axes_reset")  # the lock-out also holds this address: lift it, as a manager

        masters = start_instances(stack, env, ports, APPOINTMENT_RATE_LIMIT_PER_HOUR="100000")
        config = nginx_config(work, ports, front, static)
        stack.enter_context(
            process(["nginx", "-p", str(work), "-c", str(config), "-g", "daemon off;"])
        )
        nginx = f"http://127.0.0.1:{front}"
        wait_for(nginx + "/healthz")

        # 3: an editor changes the title in A's admin; seen on B, then through nginx.
        for _ in range(3):
            for base in (a, b, nginx):
                call(base + ARTICLE)
        editor = staff_signed_in(a, bytes.fromhex(totp_key))
        status, _ = editor.submit(
            f"/admin/articles/article/{article_id}/change/",
            {"title": "Sciatica: what helps (updated)"},
            "_save",
        )
        saved = time.monotonic()
        through_b = "(updated)" in call(b + ARTICLE)[1]
        waited = 0.0
        while "(updated)" not in call(nginx + ARTICLE)[1] and waited < 60:
            time.sleep(0.1)
            waited = time.monotonic() - saved
        results.append(
            (
                "An editor's change saved in A's admin: at once on B, through nginx within 10 s",
                status == 302 and through_b and waited <= 10,
                f"saved: {status}; on B at once: {through_b}; through nginx after "
                f"{waited:.1f} s (production front-cache times)",
            )
        )

        # 4: kill instance A while nginx is under load and patients send the form.
        runs = [kill_under_load(env, nginx, n, masters, ports, stack, work) for n in range(repeat)]
        worst = max(
            runs, key=lambda r: (r["lost"] + r["twice"] + len(r["errors_seen"]), r["get_errors"])
        )
        results.append(
            (
                f"Instance A killed 2 s into 4 s of load, {repeat} run(s): GETs of the "
                "form via nginx",
                all(r["get_errors"] <= r["cut_mid_answer"] for r in runs),
                f"worst run {worst['gets']} GETs, {worst['get_errors']} errors "
                f"({worst['get_error_kinds']}); all runs "
                f"{sum(r['get_errors'] for r in runs)} errors in "
                f"{sum(r['gets'] for r in runs)} GETs, of which "
                f"{sum(min(r['get_errors'], r['cut_mid_answer']) for r in runs)} cut after their "
                "answer's header (no proxy can retry those); nginx's log of the worst run: "
                f"{worst['nginx']}",
            )
        )
        results.append(
            (
                "Patients' posts meanwhile: none lost, none stored twice, no error seen",
                all(not (r["lost"] or r["twice"] or r["errors_seen"]) for r in runs),
                f"worst run: {worst['posts']} sent, {worst['received']} told 'received', "
                f"{worst['stored']} stored, {worst['lost']} lost, {worst['twice']} "
                f"stored twice, other answers {worst['errors_seen']}",
            )
        )

    print()
    for name, passed, figures in results:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {figures}")
    if not all(passed for _, passed, _ in results):
        raise SystemExit(1)


SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from articles.models import Article
User = get_user_model()
User.objects.create_user("desk", password="{PASSWORD}", is_staff=True)
editor = User.objects.create_user("editor", password="{PASSWORD}", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
print(device.bin_key.hex(), Article.objects.get(slug="{ARTICLE.split("/")[2]}").pk)
"""


def forget_keys(redis_url, prefix: str) -> None:
    """Delete what this check wrote to Redis, and nothing else."""
    import redis

    client = redis.Redis.from_url(redis_url.geturl())
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


if __name__ == "__main__":
    main()
