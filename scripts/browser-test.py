#!/usr/bin/env python3
"""A real browser on `kgx serve`'s page: headless Chromium through Selenium searches "Qiu Xipeng"
on the seed article, opens his page, clicks his affiliation with Fudan University, and checks
that the evidence sentence is shown with the trigger "professor" highlighted; then opens the
article at that sentence. A second server on an article full of markup checks that nothing in
it runs or becomes an element. Screenshots go to target/browser-test/.

Usage: scripts/browser-test.py [--kgx PATH] [--readme-shot docs/serve.png]
Prints SKIPPED and exits 0 when Chromium, its driver or Selenium is missing
(scripts/browser-test.sh installs them).
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def skip(why):
    print(f"SKIPPED: browser test: {why}", flush=True)
    sys.exit(0)


try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    skip("selenium is not installed (python3 -m pip install selenium)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`kgx serve` on a free loopback port, stopped with SIGTERM."""

    def __init__(self, kgx, *paths):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [kgx, "serve", *paths, "--bind", f"127.0.0.1:{self.port}"],
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"kgx serve exited: {self.proc.stderr.read()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        self.url = f"http://127.0.0.1:{self.port}/"

    def stop(self):
        self.proc.terminate()
        err = self.proc.communicate(timeout=30)[1]
        assert self.proc.returncode == 0, err
        assert "kgx: stopped" in err, err


def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        skip("chromium or chromium-driver is not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=options)


def no_alert(driver):
    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"an alert ran: {text}")


def seed_walk(driver, server, out, readme_shot):
    wait = WebDriverWait(driver, 20)
    driver.get(server.url)
    box = wait.until(EC.presence_of_element_located((By.ID, "q")))
    box.send_keys("Qiu Xipeng")
    box.submit()
    result = wait.until(EC.element_to_be_clickable((By.XPATH, "//a[@class='result' and text()='Qiu Xipeng']")))
    result.click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Qiu Xipeng"))
    toggle = wait.until(EC.element_to_be_clickable((
        By.CSS_SELECTOR,
        "section[data-predicate='affiliatedWith'] button.fact-toggle[data-other='Fudan University']",
    )))
    toggle.click()
    fact = toggle.find_element(By.XPATH, "..")
    evidence = fact.find_element(By.CSS_SELECTOR, ".evidence")
    wait.until(lambda d: evidence.is_displayed())
    mark = evidence.find_element(By.CSS_SELECTOR, "blockquote mark.trigger")
    assert mark.is_displayed(), "the trigger is not shown"
    assert mark.text == "professor", f"highlighted {mark.text!r}, not 'professor'"
    colour = mark.value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), f"the trigger is not highlighted ({colour})"
    sentence = evidence.find_element(By.CSS_SELECTOR, "blockquote").text
    assert sentence.startswith("Qiu Xipeng, professor of Fudan University"), sentence
    # The affiliation is the first relation: the top of the page shows it with its evidence.
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.3)
    driver.save_screenshot(os.path.join(out, "entity.png"))
    if readme_shot:
        driver.save_screenshot(readme_shot)
    print("browser test: the evidence of Qiu Xipeng's affiliation shows 'professor' highlighted")
    # The document view, at that sentence.
    evidence.find_element(By.CSS_SELECTOR, "a.doc-link").click()
    target = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".document .sentence-target")))
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".document mark.trigger")]
    assert "professor" in marks, marks
    assert target.find_elements(By.CSS_SELECTOR, "a.mention"), "no mention is marked"
    driver.save_screenshot(os.path.join(out, "document.png"))
    # The SPARQL box: a worked query, one click away.
    driver.get(server.url + "#/sparql")
    wait.until(EC.element_to_be_clickable((By.XPATH, "//button[text()='affiliations']"))).click()
    driver.find_element(By.ID, "sparql-run").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#sparql-results table")))
    rows = driver.find_elements(By.CSS_SELECTOR, "#sparql-results tr")
    assert len(rows) > 1, "the worked query gave no rows"
    driver.save_screenshot(os.path.join(out, "sparql.png"))
    print(f"browser test: the worked query 'affiliations' gave {len(rows) - 1} row(s)")


HOSTILE = (
    "Ana Prieto, a professor at <script>alert(1)</script> University, said the model works. "
    "Bo Lind, a researcher at Harlow \"><img src=x onerror=alert(2)> Lab, said it was released.\n"
)


# Labels, a role and a sentence full of markup, as RDF (the store's path through the page).
HOSTILE_TTL = """@prefix kgx: <https://w3id.org/kgx#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
<https://w3id.org/kgx/id/person/x> a kgx:Person ; rdfs:label "<script>alert(3)</script>" .
<https://w3id.org/kgx/id/organization/y> a kgx:University ; rdfs:label "<img src=x onerror=alert(4)>" .
<https://w3id.org/kgx/id/person/x> kgx:affiliatedWith <https://w3id.org/kgx/id/organization/y> .
<https://w3id.org/kgx/id/fact/1> a rdf:Statement ; rdf:subject <https://w3id.org/kgx/id/person/x> ;
  rdf:predicate kgx:affiliatedWith ; rdf:object <https://w3id.org/kgx/id/organization/y> ;
  kgx:role "<b>professor</b>" ; kgx:evidence <https://w3id.org/kgx/id/evidence/1> .
<https://w3id.org/kgx/id/evidence/1> kgx:rule "x" ; kgx:sentence <https://w3id.org/kgx/id/doc/d/sentence/0> .
<https://w3id.org/kgx/id/doc/d/sentence/0> oa:hasSource <https://w3id.org/kgx/id/doc/d> ; kgx:sentenceIndex 0 ;
  kgx:sentenceText "<script>alert(5)</script> is a <b>professor</b> at <img src=x onerror=alert(6)>" .
"""


def hostile_labels_walk(driver, server, out):
    wait = WebDriverWait(driver, 20)
    driver.get(server.url + "#/search/script")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "a.result"))).click()
    h1 = wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    wait.until(lambda d: "<script>alert(3)</script>" in h1.text)
    for toggle in driver.find_elements(By.CSS_SELECTOR, "button.fact-toggle"):
        toggle.click()
    mark = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "blockquote mark.trigger")))
    assert mark.text == "<b>professor</b>", mark.text
    no_alert(driver)
    assert not driver.find_elements(By.CSS_SELECTOR, "main script, main img[src='x'], main b"), "markup from the data became elements"
    driver.save_screenshot(os.path.join(out, "hostile-labels.png"))
    print("browser test: labels and sentences full of markup (RDF) show as text and run nothing")


def hostile_walk(driver, server, out):
    wait = WebDriverWait(driver, 20)
    driver.get(server.url + "#/search/a")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "a.result")))
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a.result")]
    for href in links:
        driver.get(href)
        wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
        for toggle in driver.find_elements(By.CSS_SELECTOR, "button.fact-toggle"):
            toggle.click()
        time.sleep(0.2)
        no_alert(driver)
    driver.get(server.url + "#/doc/hostile")
    doc = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".document")))
    time.sleep(0.3)
    no_alert(driver)
    assert "<script>alert(1)</script>" in doc.text, doc.text
    assert not driver.find_elements(By.CSS_SELECTOR, "main script, main img[src='x']"), "markup from the article became elements"
    driver.save_screenshot(os.path.join(out, "hostile.png"))
    print("browser test: an article full of markup shows as text and runs nothing")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kgx", default=None)
    parser.add_argument("--readme-shot", default=None)
    args = parser.parse_args()
    kgx = args.kgx
    if kgx is None:
        built = [os.path.join(ROOT, "target", p, "kgx") for p in ("debug", "release")]
        built = [p for p in built if os.path.exists(p)]
        if not built:
            sys.exit("no kgx binary: cargo build first, or give --kgx")
        kgx = max(built, key=os.path.getmtime)
    out = os.path.join(ROOT, "target", "browser-test")
    os.makedirs(out, exist_ok=True)
    driver = browser()
    seed = Server(kgx, os.path.join(ROOT, "examples", "seed-moss.txt"))
    try:
        seed_walk(driver, seed, out, args.readme_shot)
    finally:
        seed.stop()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "hostile.txt")
        with open(path, "w") as f:
            f.write(HOSTILE)
        hostile = Server(kgx, path)
        try:
            hostile_walk(driver, hostile, out)
        finally:
            hostile.stop()
        path = os.path.join(tmp, "hostile.ttl")
        with open(path, "w") as f:
            f.write(HOSTILE_TTL)
        labels = Server(kgx, path)
        try:
            hostile_labels_walk(driver, labels, out)
        finally:
            labels.stop()
    driver.quit()
    print(f"browser test: passed; screenshots in {out}")


if __name__ == "__main__":
    main()
