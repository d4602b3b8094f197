"""`make scale-check`: two app instances on two ports, as two hosts would be, behind the shipped
nginx configuration, sharing one PostgreSQL (a throwaway database on DATABASE_URL's server, or
the local one) and one Redis (CACHE_URL, or database 12 of the local one). It shows, with
figures, that:

1. the patient rate limit holds across instances (requests alternate between them);
2. the staff sign-in lock-out holds across instances;
3. a change saved on one instance shows at once through the other, and through nginx within
   its front-cache time;
4. killing one instance mid-load loses no GET (nginx retries on the other) and no submitted
   request (every request a patient was told was received is in the database).

Every process it starts is stopped at the end. (bandit's nosec marks: the URLs opened are our
own servers on loopback, B310; the programs run are ours, B404.)
"""

import os
import re
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import (  # noqa: E402  (a script beside this one)
    PYTHON,
    free_port,
    manage,
    nginx_config,
    process,
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


def submit_request(base):
    cookie, hidden = form_state(base + "/request-appointment/")
    data = {**hidden, "first_name": "Scale", "last_name": "Check", "phone": "(410) 555-0142",
            "contact_method": "phone", "reason": "other", "patient_type": "new",
            "consent": "on", "website": ""}  # fmt: skip
    return call(base + "/request-appointment/", data, cookie)[0]


def sign_in(base, password):
    cookie, hidden = form_state(base + "/admin/login/")
    data = {**hidden, "username": "desk", "password": password, "next": "/admin/"}
    return call(base + "/admin/login/", data, cookie)[0]


def count_requests(env):
    out = manage(env, "shell", "-c", "from appointments.models import AppointmentRequest as R\n"
                 "print(R.objects.count())")  # fmt: skip
    return int(out.strip().splitlines()[-1])


def start_instances(stack, env, ports, **settings):
    masters = []
    for port in ports:
        app_env = {**env, **settings, "GUNICORN_BIND": f"127.0.0.1:{port}",
                   "GUNICORN_WORKERS": "2"}  # fmt: skip
        masters.append(stack.enter_context(
            process([str(Path(PYTHON).parent / "gunicorn"), "forever_fit.wsgi"], app_env)
        ))  # fmt: skip
    for port in ports:
        wait_for(f"http://127.0.0.1:{port}/healthz")
    return masters


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"
    cache_url = os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/12"
    results = []
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ff-scale-")))
        work.chmod(0o755)
        database, _ = stack.enter_context(throwaway_database(work))
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_ENV_FILE="/dev/null", DJANGO_SECRET_KEY="scale-check-" + "k" * 40,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_STATIC_ROOT=str(work / "static"), DJANGO_MEDIA_ROOT=str(work / "media"),
            DATABASE_URL=database, CACHE_URL=cache_url, APPOINTMENT_FORM_MIN_SECONDS="0",
            STAFF_LOGIN_MAX_FAILURES="3", PAGE_FRONT_CACHE_SECONDS="2", PAGE_STALE_SECONDS="0",
        )  # fmt: skip
        print("Building the site on PostgreSQL, with Redis as the shared cache...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()\n"
               "from django.contrib.auth import get_user_model\n"
               f"get_user_model().objects.create_user('desk', password='{PASSWORD}',"
               " is_staff=True)")  # fmt: skip
        ports = [free_port(), free_port()]
        front, static = free_port(), free_port()
        a, b = (f"http://127.0.0.1:{port}" for port in ports)

        # 1 and 2: limits counted in the shared stores, whichever instance answers.
        phase = ExitStack()
        start_instances(phase, env, ports, APPOINTMENT_RATE_LIMIT_PER_HOUR="3")
        statuses = [submit_request(base) for base in (a, b, a, b)]
        results.append(("Rate limit 3/hour, requests alternating A, B, A, B",
                        statuses == [302, 302, 302, 429], f"statuses {statuses}"))  # fmt: skip
        tries = [sign_in(base, "wrong") for base in (a, b, a)] + [sign_in(b, PASSWORD)]
        results.append(("Sign-in lock-out after 3 failures (A, B, A), then the right password on B",
                        tries[-1] == 429, f"statuses {tries}"))  # fmt: skip
        phase.close()

        masters = start_instances(stack, env, ports, APPOINTMENT_RATE_LIMIT_PER_HOUR="100000")
        config = nginx_config(work, ports, front, static)
        stack.enter_context(process(["nginx", "-p", str(work), "-c", str(config),
                                     "-g", "daemon off;"]))  # fmt: skip
        nginx = f"http://127.0.0.1:{front}"
        wait_for(nginx + "/healthz")

        # 3: a change saved through instance A's configuration, seen through B and nginx.
        for base in (a, b, nginx, nginx):
            call(base + ARTICLE)
        saved = time.monotonic()
        manage(env, "shell", "-c", "from articles.models import Article\n"
               f"a = Article.objects.get(slug='{ARTICLE.split('/')[2]}')\n"
               "a.title = 'Sciatica: what helps (updated)'\na.save()")  # fmt: skip
        through_b = "(updated)" in call(b + ARTICLE)[1]
        waited = 0.0
        while "(updated)" not in call(nginx + ARTICLE)[1] and waited < 30:
            time.sleep(0.2)
            waited = time.monotonic() - saved
        results.append(("A change saved on A: at once on B, and through nginx",
                        through_b and waited < 30,
                        f"on B at once: {through_b}; through nginx after {waited:.1f} s "
                        "(front cache s-maxage 2 s)"))  # fmt: skip

        # 4: kill instance A while nginx is under load and patients submit the form.
        before = count_requests(env)
        answers = []

        def patients():
            for _ in range(30):
                answers.append(submit_request(nginx))

        submitter = threading.Thread(target=patients)
        killer = threading.Timer(2.0, lambda: os.killpg(masters[0].pid, signal.SIGKILL))
        submitter.start()
        killer.start()
        load = wrk(nginx + "/request-appointment/")  # never cached: every GET reaches an app
        submitter.join()
        accepted = answers.count(302)
        stored = count_requests(env) - before
        results.append(("Instance A killed 2 s into 4 s of load (GETs of the form via nginx)",
                        load["errors"] == 0,
                        f"{load['requests']} GETs, {load['errors']} errors"))  # fmt: skip
        results.append(("Requests submitted meanwhile: each one told 'received' is stored",
                        stored >= accepted and accepted > 0,
                        f"{accepted} answered 'received', {stored} stored, other answers "
                        f"{sorted(set(answers) - {302})}"))  # fmt: skip

    print()
    for name, passed, figures in results:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {figures}")
    if not all(passed for _, passed, _ in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
