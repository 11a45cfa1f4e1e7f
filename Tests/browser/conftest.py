"""Shared fixtures for the real-browser tests: the real site built once into a temporary folder,
served on a loopback port, and a headless Debian Chromium driven by Selenium (with Debian's
chromedriver; Selenium never downloads a driver)."""
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def vidin_binary():
    """The debug build that `swift build` made (scripts/test.sh builds it before the tests)."""
    path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(path, "vidin")


@pytest.fixture(scope="session")
def built_site():
    """The real content/ built with the real theme; yields the output folder."""
    work = tempfile.mkdtemp(prefix="vidin-browser-")
    out = os.path.join(work, "site")
    result = subprocess.run([vidin_binary(), "build", "--content", "content", "--themes", "themes", "--output", out],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    yield out
    shutil.rmtree(work, ignore_errors=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(folder) → base URL of a static server for that folder on 127.0.0.1 (stopped at the end)."""
    servers = []

    def start(folder):
        handler = functools.partial(_QuietHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return "http://127.0.0.1:%d" % server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site, serve):
    return serve(built_site)


def make_driver(arguments=(), capabilities=None, prefs=None):
    """A headless Debian Chromium driven by Debian's chromedriver, with extra switches."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", *arguments):
        options.add_argument(argument)
    for key, value in (capabilities or {}).items():
        options.set_capability(key, value)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="session")
def browser():
    driver = make_driver()
    yield driver
    driver.quit()
