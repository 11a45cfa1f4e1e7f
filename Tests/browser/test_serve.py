"""`vidin serve` in Chromium: a saved change reloads the open page by itself (keeping its scroll
position), a broken file shows an overlay naming it in the page's language while the last good
site stays underneath, fixing the file takes the overlay away, a deleted page shows the 404
page, a port in use gives a clear message, and Ctrl-C stops the server.

The server runs the real content and theme, copied into a temporary folder, on a free loopback
port. Waits are bounded; they are generous because a debug build of the real site takes a few
seconds on a loaded machine (the rebuild time is measured by scripts/bench-serve.sh instead)."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, make_driver, vidin_binary

CHAPTER = "guide/02-frameworks.bg.md"
CHAPTER_URL = "/guide/mezhdunarodni-dokumenti-i-ramki/"
NEWS = "news/2026-11-27-guide-online.bg.md"
NEWS_URL = "/news/rakovodstvoto-e-onlayn/"
WAIT = 90  # seconds, at most, for a rebuild to reach the page


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `vidin serve` process with its output collected line by line."""

    def __init__(self, work, port):
        self.port = port
        self.base = "http://127.0.0.1:%d" % port
        self.lines = []
        self.process = subprocess.Popen(
            [vidin_binary(), "serve", "--content", "content", "--themes", "themes", "--port", str(port)],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def builds(self):
        return [line for line in self.lines if " built: " in line or " error" in line and "still serving" in line]

    def wait_for_builds(self, count, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while len(self.builds()) < count:
            assert self.process.poll() is None, "vidin serve stopped:\n" + "\n".join(self.lines)
            assert time.monotonic() < deadline, "no build %d after %ds:\n%s" % (count, timeout, "\n".join(self.lines))
            time.sleep(0.1)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise
        return self.process.returncode


@pytest.fixture(scope="module")
def work():
    folder = tempfile.mkdtemp(prefix="vidin-serve-")
    shutil.copytree(os.path.join(ROOT, "content"), os.path.join(folder, "content"))
    shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(folder, "themes"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def server(work):
    server = Server(work, free_port())
    server.wait_for_builds(1, timeout=180)
    assert any(line.startswith("serving %s/" % server.base) for line in server.lines), server.lines
    yield server
    server.stop()


@pytest.fixture(scope="module")
def driver(server):
    driver = make_driver()
    yield driver
    driver.quit()


def edit(work, path, change):
    """Rewrites a content file the way an editor's save does: write a new file, rename it over."""
    full = os.path.join(work, "content", path)
    with open(full, encoding="utf-8") as source:
        text = source.read()
    with open(full + ".tmp", "w", encoding="utf-8") as target:
        target.write(change(text))
    os.replace(full + ".tmp", full)
    return text


def wait_until(driver, condition, what):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if driver.execute_script(condition):
                return
        except Exception:  # the page is reloading
            pass
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def test_saving_a_chapter_reloads_the_open_print_page_where_it_was(server, driver, work):
    driver.get(server.base + "/print/")
    assert driver.execute_script("return document.querySelector('script[src=\"/_vidin/live.js\"]') !== null")
    wait_until(driver, "return window.performance && document.readyState === 'complete'", "the print page")
    driver.execute_script("window.scrollTo(0, 3000); window.vidinBefore = true;")
    before = driver.execute_script("return window.scrollY")
    assert before > 1000
    sentence = "Изречение, добавено от теста за презареждане."
    builds = len(server.builds())
    edit(work, CHAPTER, lambda text: text + "\n" + sentence + "\n")
    wait_until(driver, "return document.body.innerText.includes(%r)" % sentence, "the new sentence in the open page")
    assert driver.execute_script("return window.vidinBefore === undefined"), "the page did not reload"
    wait_until(driver, "return Math.abs(window.scrollY - %d) < 50" % before, "the scroll position to come back")
    server.wait_for_builds(builds + 1)
    assert "ms from the change" in server.builds()[-1]


def test_a_broken_file_shows_an_overlay_in_the_page_language_and_fixing_it_takes_it_away(server, driver, work):
    driver.get(server.base + CHAPTER_URL)
    heading = driver.execute_script("return document.querySelector('h1').textContent")
    original = edit(work, CHAPTER, lambda text: text.replace("title: ", "title: [", 1))
    try:
        wait_until(driver, "return document.getElementById('vidin-build-errors') !== null", "the error overlay")
        overlay = driver.execute_script("return document.getElementById('vidin-build-errors').innerText")
        assert "Сайтът не може да се изгради" in overlay
        assert "content/" + CHAPTER + ":" in overlay
        assert "invalid YAML" in overlay
        assert "Как да се поправи:" in overlay
        # The last good page is still there underneath.
        assert driver.execute_script("return document.querySelector('h1').textContent") == heading
        # An English page opened now says it in English.
        driver.get(server.base + "/en/")
        wait_until(driver, "return document.getElementById('vidin-build-errors') !== null", "the overlay on an English page")
        overlay = driver.execute_script("return document.getElementById('vidin-build-errors').innerText")
        assert "The site could not be built" in overlay and "How to fix it:" in overlay
        assert "content/" + CHAPTER in overlay
        assert any("still serving the last site" in line for line in server.lines)
    finally:
        edit(work, CHAPTER, lambda _: original)
    wait_until(driver, "return document.getElementById('vidin-build-errors') === null && document.readyState === 'complete'",
               "the overlay to go away after the fix")


def test_a_page_that_no_longer_exists_shows_the_404_page(server, driver, work):
    driver.get(server.base + NEWS_URL)
    not_found_title = urllib_title(server.base + "/no-such-page/")
    path = os.path.join(work, "content", NEWS)
    kept = path + ".kept"
    os.rename(path, kept)
    try:
        wait_until(driver, "return document.title === %r" % not_found_title, "the 404 page")
    finally:
        os.rename(kept, path)
    wait_until(driver, "return document.title !== %r" % not_found_title, "the page to come back")


def urllib_title(url):
    try:
        urllib.request.urlopen(url)
    except urllib.error.HTTPError as error:
        assert error.code == 404
        page = error.read().decode("utf-8")
        return page.split("<title>", 1)[1].split("</title>", 1)[0]
    raise AssertionError("expected a 404 for " + url)


def test_a_port_in_use_is_named_with_a_suggestion(server, work):
    result = subprocess.run([vidin_binary(), "serve", "--content", "content", "--themes", "themes", "--port", str(server.port)],
                            cwd=work, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "port %d on 127.0.0.1 is in use" % server.port in result.stderr
    assert "--port %d" % (server.port + 1) in result.stderr


def test_serve_answers_only_what_it_built(server):
    with urllib.request.urlopen(server.base + "/") as response:
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server.base + "/../../../etc/passwd")
    assert error.value.code == 404
    request = urllib.request.Request(server.base + "/", method="POST", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request)
    assert error.value.code == 405


def test_ctrl_c_stops_the_server(server):
    """Last in this file: stops the module's server."""
    code = server.stop()
    assert code == 0, "\n".join(["exit status %d; the server's last lines:" % code] + server.lines[-6:])
    time.sleep(0.2)
    assert server.lines[-1] == "stopped", server.lines
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2)


def test_ctrl_c_during_a_build_stops_at_once(work):
    server = Server(work, free_port())
    deadline = time.monotonic() + 60
    while not any(line.startswith("serving ") for line in server.lines):
        assert time.monotonic() < deadline and server.process.poll() is None, server.lines
        time.sleep(0.05)
    started = time.monotonic()
    assert server.stop() == 0
    assert time.monotonic() - started < 5, "Ctrl-C waited for the build"
    time.sleep(0.2)
    assert server.lines[-1] == "stopped", server.lines
