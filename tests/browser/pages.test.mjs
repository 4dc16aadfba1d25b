// The pages in a real browser: Debian's chromium (/usr/bin/chromium, never a
// downloaded browser) driven by playwright-core, every screen checked by
// axe-core against the WCAG 2.1 A and AA rules, and a screenshot of each
// written under build/screenshots/.
//
//   node tests/browser/pages.test.mjs BINARY SOURCE_DIR SCREENSHOT_DIR
//
// The test builds its own store from the embedded sample (a temporary
// folder), adds the accounts with `skillmatch users add`, starts
// `skillmatch serve` on a free loopback port and stops it at the end.
// Registered in ctest with the label "browser" (tests/CMakeLists.txt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [binary, sourceDir, shotsDir] = process.argv.slice(2);
if (!binary || !sourceDir || !shotsDir) {
  console.error("usage: pages.test.mjs BINARY SOURCE_DIR SCREENSHOT_DIR");
  process.exit(64);
}
const CHROMIUM = process.env.SKILLMATCH_CHROMIUM || "/usr/bin/chromium";
const PASSWORD = "mot de passe du test 2026";
const JOBSEEKER = "SN-2026-003187";
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let work, server, origin, browser;

function sm(args, input) {
  const run = spawnSync(binary, args, { input, encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`skillmatch ${args.join(" ")}: exit ${run.status}\n${run.stderr}`);
  }
  return run.stdout;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "skillmatch-browser-"));
  mkdirSync(shotsDir, { recursive: true });
  const db = join(work, "pes.db");
  const examples = join(sourceDir, "engine/model/schema/examples");
  sm(["db", "init", "--db", db, "--taxonomy", join(sourceDir, "data/roame-sample")]);
  sm(["profiles", "import", "--db", db, join(examples, "profiles.jsonl")]);
  sm(["offers", "import", "--db", db, join(examples, "offers.jsonl")]);
  sm(["import", "offers", "--db", db, "--source", "anpe", "--mapping",
      join(sourceDir, "data/import/national-csv.mapping.json"),
      join(sourceDir, "data/import/national-offres.csv")]);
  // An offer whose occupation awaits a person (coded with low confidence).
  const review = join(work, "a-verifier.jsonl");
  writeFileSync(review, JSON.stringify({
    id: "SN-OFF-2026-9001", source: "anpej-sn", source_ref: "ANPEJ-DK-9001",
    employer: "Transports du Sahel", title: "Chauffeur poids lourd longue distance",
    occupation: "N1304", coding_confidence: 0.41, needs_review: true,
    location: { country: "SN", region: "Dakar", city: "Dakar" }, contract: "fixed_term",
    expires: "2027-01-31" }) + "\n");
  sm(["offers", "import", "--db", db, review]);
  sm(["agencies", "assign", "--db", db, "--agency", "main", "--unassigned"]);
  for (const [login, role] of [["awa", "counsellor"], ["kofi", "counsellor"],
                               ["binta", "employer_relations"], ["fatou", "supervisor"],
                               ["moussa", "statistician"], ["adama", "admin"],
                               ["ibrahima", "counsellor"], ["aminata", "auditor"],
                               ["ousmane", "supervisor"]]) {
    const agency = ["statistician", "admin", "auditor"].includes(role) ? [] : ["--agency", "main"];
    sm(["users", "add", "--db", db, "--login", login, "--role", role, ...agency], PASSWORD + "\n");
  }
  server = spawn(binary, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "4"],
                 { stdio: ["ignore", "ignore", "pipe"] });
  origin = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("server did not start:\n" + seen)), 20000);
    server.stderr.on("data", (chunk) => {
      seen += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`server exited ${code}:\n${seen}`)));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
});

// A page that fails the test on any console error (a CSP violation, a
// script error) or failed request.
async function newPage(viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, locale: "fr-FR" });
  const page = await context.newPage();
  page.problems = [];
  // Statuses the flows cause on purpose (a wrong password 401, a form with
  // errors 422, a refused page 403) are logged by the browser too.
  const expected = /^Failed to load resource: the server responded with a status of (401|403|422) /;
  page.on("console", (m) => {
    if (m.type() === "error" && !expected.test(m.text())) page.problems.push(m.text());
  });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
}

// axe-core, run through the DevTools protocol (not an inline script, which
// the pages' CSP rightly forbids).
async function checkA11y(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  }));
  const found = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ` + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    "));
  assert.deepEqual(found, [], `${name}: WCAG 2.1 A/AA violations`);
}

// The whole page, and what the screen shows first (viewport/, the copies
// linked from the README).
async function shot(page, name) {
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
  mkdirSync(join(shotsDir, "viewport"), { recursive: true });
  await page.screenshot({ path: join(shotsDir, "viewport", `${name}.png`) });
}

async function login(page, who) {
  await page.goto(origin + "/connexion");
  await page.fill("#login", who);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(origin + "/accueil"), page.click("button[type=submit].principal")]);
}

test("the counsellor's day: login, file, offers, shortlist, decision, printed sheet", async () => {
  const page = await newPage();
  await page.goto(origin + "/");
  assert.equal(new URL(page.url()).pathname, "/connexion");
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  await checkA11y(page, "connexion");
  await shot(page, "01-connexion");

  // A wrong password: the message, no session.
  await page.fill("#login", "awa");
  await page.fill("#password", "pas le bon mot de passe");
  await page.click("button[type=submit].principal");
  await page.waitForSelector("#connexion-erreur");
  assert.match(await page.textContent("#connexion-erreur"), /incorrect/);
  await checkA11y(page, "connexion (erreur)");

  await login(page, "awa");
  assert.match(await page.textContent("h1"), /Accueil/);
  assert.match(await page.textContent("main"), /Mes demandeurs d'emploi/);
  await checkA11y(page, "accueil");
  await shot(page, "02-accueil-conseiller");

  // Find the jobseeker by POST (htmx); the URL carries nothing.
  await page.fill("#q", "003187");
  await page.click("#h-recherche ~ form button[type=submit]");
  await page.waitForSelector(`#resultats-recherche a:has-text("${JOBSEEKER}")`);
  assert.equal(new URL(page.url()).search, "");
  await page.click(`#resultats-recherche a:has-text("${JOBSEEKER}")`);
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}`);
  assert.match(await page.textContent("h1"), new RegExp(JOBSEEKER));
  await checkA11y(page, "dossier");
  await shot(page, "03-dossier");

  // Edit: the occupation search box (the coder) fills a field.
  await page.click("text=Modifier le dossier");
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}/modifier`);
  await page.fill("#f-metier-3", "");
  await page.fill("#f-metier-q", "chauffeur poids lourd");
  await page.waitForSelector("#f-metier-propositions button.choisir-metier");
  const proposals = await page.textContent("#f-metier-propositions");
  assert.match(proposals, /fiabilité/);
  await checkA11y(page, "modifier le dossier");
  await shot(page, "04-dossier-modifier");
  // A bad value: the message stands next to its field.
  await page.fill("#f-experience", "beaucoup");
  await Promise.all([page.waitForLoadState("load"), page.click("form.dossier button[type=submit]")]);
  await page.waitForSelector("#f-experience-err");
  assert.equal(await page.getAttribute("#f-experience", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#f-experience", "aria-describedby"), /f-experience-err/);
  await checkA11y(page, "dossier (erreurs)");
  await shot(page, "05-dossier-erreurs");
  await page.fill("#f-experience", "7,5");
  await page.click("form.dossier button[type=submit]");
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}?enregistre=1`);
  assert.match(await page.textContent("main"), /7,5 ans/);

  // Recommended offers: the score broken down, skills, decisions.
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}/offres`);
  const first = page.locator("li.offre").first();
  assert.match(await first.textContent(), /Score\u00a0: \d+ sur 100/);
  assert.match(await first.locator("table.blocs").textContent(), /Compétences techniques/);
  await checkA11y(page, "offres recommandées");
  await shot(page, "06-offres-recommandees");
  // Shortlist (retenir), then propose with a reason; htmx updates in place.
  await first.locator("input[value=accepted]").check();
  await first.locator("button[type=submit]").click();
  await first.locator("[role=status]").waitFor();
  assert.match(await first.locator("[role=status]").textContent(), /retenue/);
  await first.locator("input[value=proposed]").check();
  await first.locator("textarea").fill("Profil très proche ; entretien à préparer.");
  await first.locator("button[type=submit]").click();
  await page.waitForFunction(() => /proposée/.test(document.querySelector("li.offre [role=status]").textContent));
  // Setting an offer aside without a reason is refused, in place.
  const second = page.locator("li.offre").nth(1);
  await second.locator("input[value=refused]").check();
  await second.locator("button[type=submit]").click();
  await second.locator(".erreur").waitFor();
  await shot(page, "07-offres-decisions");

  // The printable sheet, as printed.
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}/fiche`);
  assert.equal(await page.locator("table.fiche-offres tbody tr").count(), 1);
  await checkA11y(page, "fiche imprimable");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.bandeau").isVisible(), false);
  await shot(page, "08-fiche-imprimee");
  await page.emulateMedia({ media: "screen" });

  // The decisions are on the file.
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  assert.match(await page.textContent("#h-decisions + table"), /proposée/);

  // Register a new jobseeker.
  await page.goto(origin + "/demandeurs/nouveau");
  await page.fill("#f-id", "SN-2026-777001");
  await page.fill("#f-metier-q", "maçon");
  await page.locator("#f-metier-propositions button.choisir-metier").first().click();
  assert.notEqual(await page.inputValue("#f-metier-1"), "");
  await page.fill("#f-competence-1-code", "T0199");
  await page.check("#f-se-S002");
  await page.fill("#f-langue-1-code", "wo");
  await page.fill("#f-pays", "SN");
  await page.fill("#f-ville", "Thiès");
  await page.fill("#f-dispo", "04/01/2027");
  await checkA11y(page, "inscrire");
  await shot(page, "09-inscrire");
  await page.click("form.dossier button[type=submit]");
  await page.waitForURL(`${origin}/demandeurs/SN-2026-777001?enregistre=2`);
  assert.match(await page.textContent("main"), /04\/01\/2027/);

  // Sign out: the session is gone.
  await page.click("form.sortie button");
  await page.waitForURL(origin + "/connexion");
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  assert.equal(new URL(page.url()).pathname, "/connexion");
  assert.deepEqual(page.problems, []);
});

test("a tablet shows the same pages", async () => {
  const page = await newPage({ width: 800, height: 1280 });
  await login(page, "kofi");
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}/offres`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the tablet`);
  await shot(page, "10-tablette-offres");
  assert.deepEqual(page.problems, []);
});

// Presses Tab until `selector` has the focus (at most `max` times).
async function tabTo(page, selector, max = 400) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`keyboard: ${selector} never got the focus`);
}

test("the counsellor's flow with the keyboard alone", async () => {
  const page = await newPage();
  await page.goto(origin + "/connexion");
  await tabTo(page, "#login");
  await page.keyboard.type("kofi");
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL(origin + "/accueil"), page.keyboard.press("Enter")]);
  // The skip link comes first.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "evitement");
  await tabTo(page, "#q");
  await page.keyboard.type(JOBSEEKER);
  await page.keyboard.press("Enter");
  await page.waitForSelector(`#resultats-recherche a`);
  await tabTo(page, `#resultats-recherche a`);
  await Promise.all([page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}`), page.keyboard.press("Enter")]);
  await tabTo(page, `a[href="/demandeurs/${JOBSEEKER}/offres"]`);
  await Promise.all([page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}/offres`), page.keyboard.press("Enter")]);
  // Third offer: retain it, with a reason, from the keyboard.
  await tabTo(page, "#offre-3-proposed");
  await page.keyboard.press("ArrowDown");  // radio group: to "Retenir"
  assert.equal(await page.evaluate(() => document.activeElement.value), "accepted");
  await tabTo(page, "#offre-3-motif");
  await page.keyboard.type("Retenue au clavier.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#offre-3-decision [role=status]");
  // The focus moved to the message that htmx swapped in.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("role")), "status");
  await shot(page, "11-clavier-decision");
  assert.deepEqual(page.problems, []);
});

test("an employer-relations officer opens an offer and its candidates", async () => {
  const page = await newPage();
  await login(page, "binta");
  assert.match(await page.textContent("main"), /Offres de l'agence/);
  await checkA11y(page, "accueil relations entreprises");
  await shot(page, "13-accueil-relations-entreprises");
  await page.click('a[href="/offres/SN-OFF-2026-0771"]');
  await page.waitForURL(`${origin}/offres/SN-OFF-2026-0771`);
  assert.match(await page.textContent("h1"), /Comptable/);
  const candidates = page.locator("#h-candidats ~ ol li.offre");
  assert.ok(await candidates.count() >= 1);
  assert.match(await candidates.first().textContent(), /Score\u00a0: \d+ sur 100/);
  // Shortlist stages from the counsellor's side are on the page; this role
  // records none and cannot open a file.
  assert.equal(await page.locator("form.decision").count(), 0);
  assert.equal(await page.locator('a[href^="/demandeurs/"]').count(), 0);
  await checkA11y(page, "fiche offre");
  await shot(page, "14-fiche-offre-candidats");
  assert.deepEqual(page.problems, []);
});

test("a counsellor moves a candidate through the shortlist stages", async () => {
  const page = await newPage();
  await login(page, "awa");
  await page.goto(`${origin}/offres/SN-OFF-2026-0771`);
  const first = page.locator("#h-candidats ~ ol li.offre").first();
  await first.locator("input[value=accepted]").check();
  await first.locator("button[type=submit]").click();
  await first.locator("[role=status]").waitFor();
  await page.reload();
  assert.match(await page.textContent("#h-liste ~ table"), /retenu/);
  await checkA11y(page, "fiche offre (présélection)");
  await shot(page, "15-fiche-offre-preselection");
  assert.deepEqual(page.problems, []);
});

test("a supervisor corrects an imported offer's occupation", async () => {
  const page = await newPage();
  await login(page, "fatou");
  await page.click('nav a[href="/verifier"]');
  await page.waitForURL(origin + "/verifier");
  const item = page.locator("li.offre", { hasText: "Chauffeur poids lourd" });
  assert.match(await item.textContent(), /fiabilité/);
  await checkA11y(page, "offres à vérifier");
  await shot(page, "16-offres-a-verifier");
  // The coder's first candidate (heavy goods driving) rather than the
  // imported code.
  await item.locator('input[value="N1401"]').check();
  await Promise.all([page.waitForURL(/\/verifier\?enregistre=N1401$/), item.locator("button[type=submit]").click()]);
  assert.match(await page.textContent("[role=status]"), /N1401/);
  assert.equal(await page.locator("li.offre", { hasText: "Chauffeur poids lourd" }).count(), 0);
  await page.goto(`${origin}/offres/SN-OFF-2026-9001`);
  assert.match(await page.textContent("main"), /Conduite de poids lourds \(N1401\)/);
  assert.deepEqual(page.problems, []);
});

test("a session that ended sends an htmx update to the login page", async () => {
  const page = await newPage();
  await login(page, "kofi");
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}/offres`);
  await page.context().clearCookies();
  const first = page.locator("li.offre").first();
  await first.locator("input[value=proposed]").check();
  await Promise.all([page.waitForURL(origin + "/connexion"), first.locator("button[type=submit]").click()]);
  assert.equal(await page.locator("li.offre").count(), 0);
  assert.deepEqual(page.problems, []);
});

test("a statistician sees counts, never a named person", async () => {
  const page = await newPage();
  await login(page, "moussa");
  const text = await page.textContent("main");
  assert.match(text, /Effectifs par agence/);
  assert.doesNotMatch(text, /SN-2026|BJ-2026|CM-2026/);
  await checkA11y(page, "accueil statisticien");
  await shot(page, "12-accueil-statisticien");
  const response = await page.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  assert.equal(response.status(), 403);
  assert.doesNotMatch(await page.textContent("main"), new RegExp(JOBSEEKER));
  assert.deepEqual(page.problems, []);
});

test("an import runs from upload to report", async () => {
  const page = await newPage();
  await login(page, "binta");
  await page.click("nav >> text=Import");
  await page.waitForURL(origin + "/import");
  await checkA11y(page, "import");
  await shot(page, "21-import");
  // No source name: the message next to the field.
  await page.setInputFiles("#i-fichier", join(sourceDir, "data/import/national-offres.csv"));
  await page.fill("#i-source", "pas/valide");
  await Promise.all([page.waitForLoadState("load"), page.click("form.import button[type=submit]")]);
  await page.waitForSelector("#i-source-err");
  assert.equal(await page.getAttribute("#i-source", "aria-invalid"), "true");
  await checkA11y(page, "import (erreur)");
  // The file again (a browser never keeps it), a good name: the import runs.
  await page.setInputFiles("#i-fichier", join(sourceDir, "data/import/national-offres.csv"));
  await page.fill("#i-source", "partenaire");
  await Promise.all([page.waitForLoadState("load"), page.click("form.import button[type=submit]")]);
  await page.waitForSelector("#h-bilan");
  assert.match(await page.textContent("[role=status]"), /Import terminé/);
  assert.match(await page.textContent("#h-brouillon + table"), /intitule/);
  await checkA11y(page, "résultat de l'import");
  await shot(page, "22-import-resultat");
  // The row-by-row report downloads as CSV.
  const [download] = await Promise.all([page.waitForEvent("download"),
                                        page.click("text=Télécharger le rapport")]);
  const file = join(work, "rapport.csv");
  await download.saveAs(file);
  const report = readFileSync(file, "utf8");
  assert.match(report, /^file,line,outcome,offer_id,needs_review,field,message,value/);
  // Every row has its line (these offers were imported in before() from
  // another source: duplicates, linked, not copied).
  assert.match(report, /,2,(inserted|duplicate),/);
  assert.equal(report.trim().split("\n").filter((l) => /^[^,]*,\d+,(inserted|updated|unchanged|duplicate|rejected),/.test(l)).length, 14);
  // Back to the form: the agency's last imports, this one first, its
  // report linked.
  await Promise.all([page.waitForURL(origin + "/import"), page.click("nav >> text=Import")]);
  const first = page.locator("#h-imports ~ .defile tbody tr").first();
  assert.equal(await first.locator("th").textContent(), "national-offres.csv");
  assert.match(await first.textContent(), /partenaire\s*terminé rapport\s*14\s*/);
  assert.ok((await first.locator("a").getAttribute("href")).startsWith("/import/rapports/"));
  await checkA11y(page, "import: derniers imports");
  await page.locator("#h-imports").scrollIntoViewIfNeeded();
  await shot(page, "25-import-derniers");
  assert.deepEqual(page.problems, []);
});

test("a migration project: assess toward France, alternatives, advice sheet, decision", async () => {
  const page = await newPage();
  await login(page, "awa");
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  await page.click("text=Projet de mobilité");
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}/mobilite`);
  await checkA11y(page, "projet de mobilité (formulaire)");
  await shot(page, "30-mobilite-formulaire");
  // The destination goes by POST: the URL stays the same.
  await page.selectOption("#m-pays", "FR");
  await Promise.all([page.waitForLoadState("load"), page.click("#h-mob-projet ~ form button.principal")]);
  await page.waitForSelector("#h-mob-carte");
  assert.equal(new URL(page.url()).pathname, `/demandeurs/${JOBSEEKER}/mobilite`);
  assert.equal(new URL(page.url()).search, "");
  const card = await page.textContent("main");
  assert.match(card, /Règles applicables/);
  assert.match(card, /Texte signé le|Aucune voie listée/);
  const alternatives = await page.locator("ol.alternatives > li").count();
  assert.ok(alternatives >= 3, `${alternatives} national alternatives`);
  await checkA11y(page, "projet de mobilité (évaluation)");
  await shot(page, "31-mobilite-evaluation");

  // The advice sheet, as printed.
  await Promise.all([page.waitForLoadState("load"), page.click("button.imprimer-fiche")]);
  await page.waitForSelector("body.fiche");
  assert.match(await page.textContent("main"), /Alternatives nationales/);
  await checkA11y(page, "fiche conseil mobilité");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.bandeau").isVisible(), false);
  await shot(page, "32-mobilite-fiche");
  await page.emulateMedia({ media: "screen" });

  // Back, assess again, record the decision, then its follow-up at 3 months.
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}/mobilite`);
  await Promise.all([page.waitForLoadState("load"), page.click("#h-mob-projet ~ form button.principal")]);
  await page.waitForSelector("#h-mob-decision");
  await page.check("#m-choix-alternative");
  await page.fill("#m-detail", "Métier proche dans la région de Thiès");
  await page.click("#h-mob-decision ~ form button.principal");
  await page.waitForURL(/\/mobilite\?enregistre=\d+$/);
  assert.match(await page.textContent("main"), /Alternative nationale/);
  assert.match(await page.textContent("[role=status]"), /enregistrée/);
  await page.selectOption("form.suivi select[name=resultat]", "in-training");
  await page.click("form.suivi button");
  await page.waitForURL(/\/mobilite\?suivi=\d+$/);
  assert.match(await page.textContent("#h-mob-passe + table"), /En formation/);
  await checkA11y(page, "projet de mobilité (décisions)");
  await shot(page, "33-mobilite-decisions");
  assert.deepEqual(page.problems, []);
});

test("a statistician reads the statistics, their exports and the dashboard", async () => {
  // Flows of 2025 for four occupations, written into the store beside the
  // others (assigned to no agency: no counsellor sees them; the statistics
  // count every record). N1101 has 3 jobseekers: its counts are "s".
  const plan = [["F1701", 30, 24], ["F1702", 24, 18], ["F1703", 16, 12], ["A1401", 20, 16],
                ["N1304", 18, 14], ["M1201", 22, 10], ["N1101", 3, 6]];
  const day = (m, d) => `2025-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const profiles = [], offers = [];
  for (const [code, people, count] of plan) {
    for (let i = 0; i < people; i++) {
      const p = { id: `STAT-${code}-J${i}`, target_occupations: [code],
                  location: { country: "SN", region: i % 2 ? "Dakar" : "Thiès", city: "" },
                  registered: day(1 + (i % 12), 5) };
      if (i % 2 === 0 && 1 + (i % 12) <= 10) {
        p.exited = day(3 + (i % 12), 5);
        p.exit_reason = "employment";
      }
      if (i % 3 === 0) p.skills = [{ skill_id: "T0001", level: 2, validated: false }];
      profiles.push(JSON.stringify(p));
    }
    for (let i = 0; i < count; i++) {
      const o = { id: `STAT-${code}-O${i}`, source: "pes", source_ref: `STAT-${code}-O${i}`,
                  title: `Offre ${code} ${i}`, occupation: code,
                  location: { country: "SN", region: i % 2 ? "Dakar" : "Thiès", city: "" },
                  published: day(1 + (i % 12), 10),
                  skills: [{ skill_id: "T0001", essential: true, min_level: 2 }] };
      if (i % 3 === 0) {
        o.closed = day(1 + (i % 12), 28);
        o.closing_reason = "filled";
      }
      offers.push(JSON.stringify(o));
    }
  }
  const db = join(work, "pes.db");
  writeFileSync(join(work, "stat-profiles.jsonl"), profiles.join("\n") + "\n");
  writeFileSync(join(work, "stat-offers.jsonl"), offers.join("\n") + "\n");
  sm(["profiles", "import", "--db", db, join(work, "stat-profiles.jsonl")]);
  sm(["offers", "import", "--db", db, join(work, "stat-offers.jsonl")]);

  const page = await newPage();
  await login(page, "moussa");
  await Promise.all([page.waitForURL(/\/statistiques$/), page.click("nav a[href='/statistiques']")]);
  await page.fill("#de", "2025-01");
  await page.fill("#a", "2025-12");
  await Promise.all([page.waitForURL(/de=2025-01&a=2025-12/), page.click("form[action='/statistiques'] button[type=submit]")]);
  const text = await page.textContent("main");
  assert.match(text, /Niveau de tension par métier, du 01\/01\/2025 au 31\/12\/2025/);
  assert.match(text, /secret statistique/);
  assert.match(text, /Période couverte/);
  assert.doesNotMatch(text, /STAT-|SN-2026|BJ-2026|CM-2026/);
  // The small occupation's jobseekers: "s" in the skills table.
  const skillRow = page.locator("#stats-skills tr", { hasText: "N1101" });
  assert.ok((await skillRow.locator("td.secret").count()) > 0);
  await checkA11y(page, "statistiques");
  await shot(page, "23-statistiques");
  // The CSV export of the tension table.
  const [download] = await Promise.all([page.waitForEvent("download"),
                                        page.click("#stats-tension a[download]")]);
  const csv = readFileSync(await download.path(), "utf8");
  assert.match(csv.split("\n")[0], /^occupation,label,period,level,score,/);
  assert.doesNotMatch(csv, /STAT-/);
  // The dashboard, under the server's headers, its style allowed by hash.
  const response = await page.goto(origin + "/statistiques/tableau-de-bord?de=2025-01&a=2025-12");
  assert.equal(response.status(), 200);
  assert.match(response.headers()["content-security-policy"], /^default-src 'none'; style-src 'sha256-/);
  assert.match(await page.textContent("h1"), /Statistiques du marché du travail/);
  await shot(page, "24-statistiques-tableau-de-bord");
  assert.deepEqual(page.problems, []);
});

test("a counsellor lists the agency's jobseekers and exports the list and a shortlist", async () => {
  const page = await newPage();
  await login(page, "awa");
  await Promise.all([page.waitForURL(`${origin}/demandeurs/liste`),
                     page.click("nav a[href='/demandeurs/liste']")]);
  assert.match(await page.textContent("h1"), /Liste des demandeurs/);
  await checkA11y(page, "liste des demandeurs");
  await shot(page, "70-liste-demandeurs");
  // A code that is not in the taxonomy: said next to the field, focus on
  // the summary.
  await page.fill("#l-metier", "ZZ999");
  await Promise.all([page.waitForLoadState("load"), page.click("form[action^='/demandeurs/liste'] button:not([name])")]);
  await page.locator("#erreurs").waitFor();
  assert.match(await page.textContent("#l-metier-err"), /n'existe pas dans la nomenclature/);
  assert.equal(await page.getAttribute("#l-metier", "aria-invalid"), "true");
  await checkA11y(page, "liste des demandeurs (erreurs)");
  await shot(page, "71-liste-demandeurs-erreurs");
  // The agency's jobseekers of Dakar: the table, then both files.
  await page.fill("#l-metier", "");
  await page.selectOption("#l-region", "Dakar");
  await page.fill("#l-du", "01/01/2026");
  await Promise.all([page.waitForLoadState("load"), page.click("form[action^='/demandeurs/liste'] button:not([name])")]);
  await page.locator("#h-resultats").waitFor();
  assert.equal(page.url(), `${origin}/demandeurs/liste#h-resultats`);  // the filters went by POST
  const table = page.locator("#h-resultats ~ div table");
  assert.match(await table.locator("caption").textContent(), /répondent aux critères/);
  assert.ok(await table.locator(`th[scope=row] a[href="/demandeurs/${JOBSEEKER}"]`).count() === 1);
  assert.equal(await table.locator("tbody td", { hasText: "Littoral" }).count(), 0);
  await checkA11y(page, "liste des demandeurs (résultat)");
  await shot(page, "72-liste-demandeurs-resultat");
  const [csvDownload] = await Promise.all([page.waitForEvent("download"),
                                           page.click("button[name=format][value=csv]")]);
  assert.match(csvDownload.suggestedFilename(), /^demandeurs-main-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await csvDownload.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFFDemandeur;Agence;Code du métier recherché;"), csv.slice(0, 80));
  assert.match(csv, new RegExp(`\r\n${JOBSEEKER};main;`));
  assert.doesNotMatch(csv, /Littoral/);  // the region filter holds in the file
  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"),
                                            page.click("button[name=format][value=xlsx]")]);
  assert.match(xlsxDownload.suggestedFilename(), /^demandeurs-main-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const xlsx = readFileSync(await xlsxDownload.path());
  assert.equal(xlsx.subarray(0, 2).toString("latin1"), "PK");
  // The shortlist of an offer, from its fiche: one more candidate proposed
  // first, so that the file is compared with a shortlist that has rows.
  await page.goto(`${origin}/offres/SN-OFF-2026-0771`);
  const candidate = page.locator("#h-candidats ~ ol li.offre").first();
  await candidate.locator("input[value=proposed]").check();
  await candidate.locator("button[type=submit]").click();
  await candidate.locator("[role=status]").waitFor();
  await page.reload();
  const staged = await page.locator("#h-liste ~ table tbody tr").evaluateAll((rows) =>
    rows.map((r) => [r.querySelector("th").textContent.trim(), r.querySelector("td").textContent.trim()]));
  assert.ok(staged.length >= 1);
  await page.locator("#h-liste").scrollIntoViewIfNeeded();
  await checkA11y(page, "fiche offre (exports)");
  await shot(page, "73-fiche-offre-exports");
  const [listDownload] = await Promise.all([page.waitForEvent("download"),
                                            page.click("#h-liste ~ p.actions a[href$='/export/csv']")]);
  assert.match(listDownload.suggestedFilename(), /^preselection-SN-OFF-2026-0771-\d{4}-\d{2}-\d{2}\.csv$/);
  const shortlist = readFileSync(await listDownload.path(), "utf8");
  assert.ok(shortlist.startsWith("\uFEFFDemandeur;Étape;Score (sur 100);Date de la décision;Motif;Par\r\n"));
  const lines = shortlist.slice(1).split("\r\n").filter((l) => l !== "").slice(1);
  assert.deepEqual(lines.map((l) => l.split(";").slice(0, 2)), staged);
  const [sheetDownload] = await Promise.all([page.waitForEvent("download"),
                                             page.click("#h-liste ~ p.actions a[href$='/export/xlsx']")]);
  assert.match(sheetDownload.suggestedFilename(), /\.xlsx$/);
  assert.equal(readFileSync(await sheetDownload.path()).subarray(0, 2).toString("latin1"), "PK");
  assert.deepEqual(page.problems, []);
});

test("a counsellor explores a reorientation and adds an occupation as a target", async () => {
  const page = await newPage();
  await login(page, "awa");
  // From the file.
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  await page.click("a.bouton:has-text('Réorientation')");
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}/reorientation`);
  assert.match(await page.textContent("h1"), /Réorientation/);
  const cards = page.locator("ol.metiers-proches > li");
  const count = await cards.count();
  assert.ok(count >= 3, `${count} close occupations`);
  const first = await cards.first().textContent();
  assert.match(first, /Proposé par/);
  assert.match(first, /fiche ROME\s: mobilité|compétences communes/);
  assert.match(first, /\d+\u00A0% des compétences du métier/);
  assert.match(first, /Compétences à acquérir/);
  assert.match(first, /offres? ouvertes? dans l'agence|Aucune offre ouverte/);
  const main = await page.textContent("main");
  assert.match(main, /Formations qui apportent/);
  await checkA11y(page, "réorientation");
  await shot(page, "60-reorientation");

  // Kept as a new target: POST with the token, back with the notice; the
  // occupation is no longer proposed and the file lists it.
  const heading = await cards.first().locator("h2 .code").textContent();
  const code = heading.replace(/[()]/g, "");
  await Promise.all([page.waitForURL(/\/reorientation\?ajoute=1$/),
                     cards.first().locator("button:has-text('Ajouter comme métier visé')").click()]);
  assert.match(await page.textContent("[role=status]"), /ajouté aux métiers visés/);
  assert.equal(await page.locator(`ol.metiers-proches h2 .code:has-text("(${code})")`).count(), 0);
  await checkA11y(page, "réorientation (métier ajouté)");
  await shot(page, "61-reorientation-ajout");
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  assert.match(await page.textContent("#h-metiers + dl"), new RegExp(`\\(${code}\\)`));

  // From the recommended offers, which now count the new target.
  await page.click("a.bouton:has-text('Offres recommandées')");
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}/offres`);
  await page.click("a.bouton:has-text('Réorientation')");
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}/reorientation`);

  // The printable version.
  await page.click("a.bouton:has-text('Version imprimable')");
  await page.waitForURL(`${origin}/demandeurs/${JOBSEEKER}/reorientation/fiche`);
  assert.match(await page.textContent("main"), /Pistes de réorientation/);
  assert.equal(await page.locator("form input[name=metier]").count(), 0);
  await checkA11y(page, "réorientation (version imprimable)");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.bandeau").isVisible(), false);
  await shot(page, "62-reorientation-fiche");
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(page.problems, []);
});

test("an employer-relations officer registers an offer, codes its title as she types, picks suggested skills, sees candidates and presents one to the employer", async () => {
  const page = await newPage();
  await login(page, "binta");
  await Promise.all([page.waitForURL(origin + "/offres/nouvelle"), page.click("main a[href='/offres/nouvelle']")]);
  // The title coded as she types: the coder's candidates as radio choices.
  await page.type("#f-titre", "Comptable", { delay: 40 });
  await page.waitForSelector("#f-metier-choix input[type=radio][value=M1201]");
  assert.match(await page.textContent("#f-metier-choix"), /fiabilité \d+/);
  await checkA11y(page, "nouvelle offre, métiers proposés");
  await shot(page, "40-offre-metier-propose");
  // Choosing the occupation lists its skills, essential first.
  await page.check("#f-metier-M1201");
  await page.waitForSelector("#f-competences #f-comp-K0092");
  const origins = await page.$$eval("#f-competences tbody td:first-of-type", (cells) => cells.map((c) => c.textContent));
  assert.equal(origins[0], "essentielle au métier");
  assert.ok(origins.lastIndexOf("essentielle au métier") < origins.indexOf("optionnelle pour le métier"));
  await page.check("#f-comp-K0092");
  await page.check("#f-comp-T0005");
  await page.selectOption("#f-exig-T0005", "souhaitee");
  // Another skill through the search, added to the checklist, the picks kept.
  await page.type("#f-competence-q", "anglais", { delay: 40 });
  await page.waitForSelector("#f-competence-propositions button");
  await page.click("#f-competence-propositions button");
  await page.waitForSelector("#f-comp-K0040:checked");
  assert.ok(await page.isChecked("#f-comp-K0092"));
  assert.equal(await page.inputValue("#f-exig-T0005"), "souhaitee");
  await page.fill("#f-employeur", "Cabinet Ndiaye et associés");
  await page.selectOption("#f-pays", "SN");
  await page.fill("#f-region", "Dakar");
  await page.fill("#f-ville", "Dakar");
  await page.selectOption("#f-contrat", "fixed_term");
  await page.fill("#f-expire", "31/03/2027");
  await page.fill("#f-langue-1-code", "fr");
  await page.fill("#f-description", "Tenue de la comptabilité d'un cabinet de 12 personnes.");
  await checkA11y(page, "nouvelle offre, compétences");
  await shot(page, "41-offre-competences");
  // A mistyped number of positions: said beside the field, values kept.
  await page.fill("#f-postes", "deux");
  await page.click("form.dossier button[type=submit]");
  await page.waitForSelector("#erreurs");
  assert.match(await page.textContent("#f-postes-err"), /Un nombre entier de postes/);
  assert.equal(await page.inputValue("#f-employeur"), "Cabinet Ndiaye et associés");
  assert.ok(await page.isChecked("#f-metier-M1201"));
  assert.ok(await page.isChecked("#f-comp-K0040"));
  // The summary of errors has the focus once the page's script ran.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "erreurs");
  await checkA11y(page, "nouvelle offre, erreurs");
  await shot(page, "42-offre-erreurs");
  await page.fill("#f-postes", "2");
  await Promise.all([page.waitForURL(/\/offres\/main-saisie:\d{8}-\d+\?enregistre=2$/),
                     page.click("form.dossier button[type=submit]")]);
  const offerPath = new URL(page.url()).pathname;
  const main = await page.textContent("main");
  assert.match(main, /Comptabilité \(M1201\)/);
  assert.match(main, /tableur \(optionnelle\)|tableur/);
  assert.match(main, /31\/03\/2027/);
  assert.match(main, /Candidats recommandés/);
  await checkA11y(page, "fiche offre enregistrée");
  await shot(page, "43-offre-enregistree");

  // A counsellor proposes the first candidate...
  const counsellor = await newPage();
  await login(counsellor, "awa");
  await counsellor.goto(origin + offerPath);
  const candidate = await counsellor.textContent("#candidat-1 h3 a");
  await counsellor.check("#candidat-1-proposed");
  await counsellor.click("#candidat-1 form.decision button[type=submit]");
  await counsellor.waitForSelector("#candidat-1-decision [role=status]");
  // ...and the officer presents that person to the employer.
  await page.goto(origin + offerPath);
  const present = page.locator("form.etape button", { hasText: `Présenter ${candidate} à l'employeur` });
  await Promise.all([page.waitForURL(new RegExp(offerPath.replace(/[.:]/g, "\\$&") + "(#h-liste)?$")), present.click()]);
  const row = page.locator("#h-liste ~ table tbody tr", { hasText: candidate });
  assert.match(await row.textContent(), /présenté à l'employeur/);
  assert.match(await row.textContent(), /retenu par l'employeur/);
  await checkA11y(page, "présélection, présenté à l'employeur");
  await shot(page, "44-offre-presente");
  // "Modifier" from the fiche offre: the stored values in the form.
  await Promise.all([page.waitForURL(origin + offerPath + "/modifier"), page.click(`a[href='${offerPath}/modifier']`)]);
  assert.equal(await page.inputValue("#f-postes"), "2");
  assert.ok(await page.isChecked("#f-metier-M1201"));
  await checkA11y(page, "modifier l'offre");
  await shot(page, "45-offre-modifier");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(counsellor.problems, []);
});

test("a counsellor writes a dated note with a next action, finds it on the home page and marks it done", async () => {
  const page = await newPage();
  await login(page, "awa");
  const now = new Date();
  const today = [now.getUTCDate(), now.getUTCMonth() + 1].map((n) => String(n).padStart(2, "0"))
    .join("/") + "/" + now.getUTCFullYear();
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  await page.locator("#suivi").scrollIntoViewIfNeeded();
  await checkA11y(page, "dossier (suivi)");
  await shot(page, "50-suivi-dossier");

  // An action without its due date: the message next to the field, the
  // focus on the error, the text kept.
  const action = "Rappeler Transports du Sahel pour le poste de chauffeur";
  await page.fill("#n-texte", "Entretien : souhaite conduire des poids lourds.\nPermis C en cours.");
  await page.fill("#n-action", action);
  await page.click("form.note-form button[type=submit]");
  await page.waitForSelector("#n-echeance-err");
  assert.match(await page.textContent("#n-echeance-err"), /Indiquez l'échéance/);
  assert.equal(await page.getAttribute("#n-echeance", "aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "n-erreurs");
  assert.match(await page.inputValue("#n-texte"), /Permis C en cours/);
  await checkA11y(page, "note (erreur)");
  await shot(page, "51-suivi-erreur");

  // With the date: the note comes first, the focus on it; the URL unchanged.
  await page.fill("#n-echeance", today);
  await page.click("form.note-form button[type=submit]");
  await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains("note"));
  assert.equal(new URL(page.url()).pathname, `/demandeurs/${JOBSEEKER}`);
  assert.equal(new URL(page.url()).search, "");
  const first = page.locator("ol.notes > li").first();
  assert.match(await first.textContent(), /Permis C en cours/);
  assert.match(await first.textContent(), /aujourd'hui/);
  assert.equal(await page.inputValue("#n-texte"), "");
  await checkA11y(page, "note enregistrée");
  await shot(page, "52-suivi-note");

  // The home page lists the action due today.
  await page.goto(origin + "/accueil");
  const due = page.locator("#h-actions ~ table");
  assert.match(await due.textContent(), new RegExp(action));
  assert.match(await due.textContent(), /aujourd'hui/);
  await page.locator("#h-actions").scrollIntoViewIfNeeded();
  await checkA11y(page, "accueil (actions à faire)");
  await shot(page, "53-accueil-actions");

  // Back to the file through the action; "Fait" closes it, the focus stays
  // on the note.
  await Promise.all([page.waitForURL(new RegExp(`/demandeurs/${JOBSEEKER}#note-\\d+$`)),
                     due.locator(`a:has-text("${JOBSEEKER}")`).first().click()]);
  await page.locator("ol.notes > li").first().locator("button:has-text('Fait')").click();
  await page.waitForSelector("ol.notes > li p.fait");
  assert.match(await page.locator("ol.notes > li").first().textContent(), /Faite le .* par awa/);
  assert.equal(await page.evaluate(() => document.activeElement.className), "note");
  await checkA11y(page, "action faite");
  await shot(page, "54-suivi-fait");
  await page.goto(origin + "/accueil");
  assert.match(await page.textContent("#h-actions ~ p"), /Aucune action à faire/);

  // The supervisor gives the file to kofi, who now finds it in his own list.
  const supervisor = await newPage();
  await login(supervisor, "fatou");
  await supervisor.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  await supervisor.selectOption("#n-conseiller", "kofi");
  await Promise.all([supervisor.waitForURL(/enregistre=5$/), supervisor.click("#suivi form.en-ligne button")]);
  assert.match(await supervisor.textContent("#suivi"), /kofi, depuis le/);
  await supervisor.locator("#suivi").scrollIntoViewIfNeeded();
  await checkA11y(supervisor, "dossier (attribution)");
  await shot(supervisor, "55-suivi-attribution");
  await supervisor.goto(origin + "/accueil");
  assert.match(await supervisor.textContent("#h-mes ~ table"), /kofi/);
  await checkA11y(supervisor, "accueil superviseur (conseillers)");
  await shot(supervisor, "56-accueil-superviseur");
  const kofi = await newPage();
  await login(kofi, "kofi");
  assert.match(await kofi.textContent("#h-mes ~ table"), new RegExp(JOBSEEKER));

  // Past occupations through the search box: the chosen code fills the first
  // empty past occupation, and the focus goes there.
  await page.goto(`${origin}/demandeurs/${JOBSEEKER}/modifier`);
  const empty = await page.evaluate(() =>
    [...document.querySelectorAll("input.code-passe")].find((f) => !f.value)?.id);
  await page.fill("#f-passe-q", "maçon");
  await page.waitForSelector("#f-passe-propositions button.choisir-metier");
  await page.locator("#f-passe-propositions button.choisir-metier").first().click();
  const filled = await page.evaluate(() => document.activeElement.id);
  assert.equal(filled, empty);
  assert.match(await page.inputValue(`#${filled}`), /^[A-Z]\d{4}$/);
  assert.equal(await page.inputValue("#f-metier-1") !== "", true);  // targets untouched
  await checkA11y(page, "métiers exercés (recherche)");
  await shot(page, "57-dossier-metier-exerce");
  await page.fill(`#${filled.replace("-code", "-annees")}`, "4");
  await Promise.all([page.waitForURL(/enregistre=1$/), page.click("form.dossier button[type=submit]")]);
  assert.match(await page.textContent("main"), /4 ans/);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(supervisor.problems, []);
  assert.deepEqual(kofi.problems, []);
});

test("an import shows its progress then its report", async () => {
  const page = await newPage();
  await login(page, "binta");
  await page.goto(origin + "/import");
  assert.match(await page.textContent("#i-fichier-aide"), /1\u00a0Mio au plus/);
  // A job board's file of 4,000 offers, every title its own (the coder
  // works on each), a few broken rows: long enough to see it run.
  const jobs = ["Comptable", "Maçon", "Chauffeur", "Électricien", "Plombier", "Menuisier",
                "Secrétaire", "Cuisinier", "Vendeur", "Mécanicien"];
  const places = ["Dakar", "Thiès", "Saint-Louis", "Ziguinchor", "Kaolack"];
  const lines = ["reference;intitule;employeur;ville;type_contrat;date_publication"];
  for (let i = 1; i <= 4000; i++) {
    const title = `${jobs[i % jobs.length]} ${places[i % places.length]} ${i}`;
    const contract = i % 500 === 0 ? "Temps plein" : "CDI";
    const date = i % 700 === 0 ? "31/13/2026" : "02/11/2026";
    lines.push(i % 900 === 0 ? `P-${i};cassée` : `P-${i};${title};Entreprise ${i % 97};${places[i % 5]};${contract};${date}`);
  }
  const file = join(work, "grand-fichier.csv");
  writeFileSync(file, lines.join("\n") + "\n");
  await page.setInputFiles("#i-fichier", file);
  await page.fill("#i-source", "grand-site");
  await Promise.all([page.waitForURL(/\/import\/suivi\/[0-9a-f]{64}$/),
                     page.click("form.import button[type=submit]")]);
  // Running: the bar with its text value, the counts so far.
  await page.waitForSelector("progress#import-avance");
  assert.match(await page.textContent("#import-avance-texte"), /lignes? traitées? \(le fichier compte 4\u202f001 lignes/);
  assert.match(await page.getAttribute("#import-suivi", "hx-trigger"), /every 1s/);
  await checkA11y(page, "import en cours");
  await shot(page, "90-import-en-cours");
  // Then the summary, which takes the focus, and the report.
  await page.waitForSelector("#h-bilan", { timeout: 120000 });
  assert.match(await page.textContent("[role=status]"), /Import terminé/);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("role")), "status");
  const text = await page.textContent("main");
  assert.match(text, /4\u202f000 lignes lues/);
  assert.match(text, /ligne illisible\u00a0: 6 champs attendus/);
  assert.match(text, /date illisible «\u00a031\/13\/2026\u00a0» \(formats attendus\u00a0: JJ\/MM\/AAAA\)\u202f; champ laissé vide/);
  assert.equal(await page.locator("progress").count(), 0);
  await checkA11y(page, "import terminé");
  await shot(page, "91-import-bilan");
  const [download] = await Promise.all([page.waitForEvent("download"),
                                        page.click("text=Télécharger le rapport")]);
  const report = readFileSync(await download.path(), "utf8");
  assert.match(report, /^file,line,outcome,offer_id,needs_review,field,message,value,code/);
  assert.match(report, /,warning,[^\n]*date illisible[^\n]*,31\/13\/2026,date\n/);
  assert.equal(report.trim().split("\n").filter((l) => /^[^,]*,\d+,(inserted|updated|unchanged|duplicate|rejected),/.test(l)).length, 4000);
  // Another counsellor of the agency does not see the job.
  const url = page.url();
  const other = await newPage();
  await login(other, "kofi");
  const refused = await other.goto(url);
  assert.equal(refused.status(), 404);
  assert.deepEqual(page.problems, []);
  // A file over the server's limit: said next to the field before it is
  // sent; sent anyway (the check removed), the server's French 413 page.
  const big = join(work, "trop-gros.csv");
  writeFileSync(big, lines[0] + "\n" + "x".repeat(1100 * 1024) + "\n");
  await page.goto(origin + "/import");
  await page.setInputFiles("#i-fichier", big);
  await page.fill("#i-source", "grand-site");
  await page.click("form.import button[type=submit]");
  await page.waitForSelector("#i-fichier-err");
  assert.equal(new URL(page.url()).pathname, "/import");
  assert.match(await page.textContent("#i-fichier-err"), /Le fichier dépasse 1\u00a0Mio/);
  assert.equal(await page.getAttribute("#i-fichier", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#i-fichier", "aria-describedby"), /i-fichier-err/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "i-fichier");
  await checkA11y(page, "import (fichier trop gros)");
  await shot(page, "92-import-trop-gros");
  await page.evaluate(() => document.querySelector("form.import").removeAttribute("data-max"));
  const [tooLarge] = await Promise.all([page.waitForResponse((r) => r.url() === origin + "/import"),
                                        page.click("form.import button[type=submit]")]);
  assert.equal(tooLarge.status(), 413);
  await page.waitForLoadState("load");
  assert.match(await page.textContent("h1"), /Fichier trop volumineux/);
  assert.match(await page.textContent("main"), /dépasse la taille acceptée par le serveur \(1\u00a0Mio\)/);
  await checkA11y(page, "413");
  await shot(page, "93-import-413");
});

test("an auditor finds who opened a file and checks the journal's integrity", async () => {
  // A counsellor opens the file first.
  const counsellor = await newPage();
  await login(counsellor, "awa");
  await counsellor.goto(`${origin}/demandeurs/${JOBSEEKER}`);
  const page = await newPage();
  await login(page, "aminata");
  await Promise.all([page.waitForURL(origin + "/journal"),
                     page.click("nav a[href='/journal']")]);
  assert.match(await page.textContent("main [role=status]"), /entrées les plus récentes/);
  await checkA11y(page, "journal d'audit");
  // Who opened this jobseeker's file: the id typed, the criteria posted
  // (never in the address bar).
  await page.fill("#j-dossier", JOBSEEKER);
  await page.selectOption("#j-famille", "jobseeker.");
  await Promise.all([page.waitForURL(origin + "/journal#h-entrees"),
                     page.click("#j-criteres button[type=submit].principal")]);
  assert.ok(!page.url().includes(JOBSEEKER));
  const rows = await page.textContent("main table tbody");
  assert.match(rows, /awa/);
  assert.match(rows, /jobseeker\.view/);
  await checkA11y(page, "journal d'audit: un dossier");
  await shot(page, "98-journal-dossier");
  // A login that does not exist: said beside its field.
  await page.fill("#j-compte", "personne");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 422),
                     page.click("#j-criteres button[type=submit].principal")]);
  await page.waitForSelector("#j-compte-err");
  assert.match(await page.textContent("#j-compte-err"), /Aucun compte/);
  // The integrity of the whole trail.
  await Promise.all([page.waitForURL(origin + "/journal/verification#h-chaine"),
                     page.click("form[action='/journal/verification#h-chaine'] button")]);
  assert.match(await page.textContent("#h-chaine + p"), /Journal intact/);
  await checkA11y(page, "journal d'audit: intégrité");
  await shot(page, "99-journal-integrite");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(counsellor.problems, []);
});

test("an administrator creates an account, the new counsellor signs in", async () => {
  const NEW_PASSWORD = "Baobab du fleuve 2026";
  const page = await newPage();
  await login(page, "adama");
  await Promise.all([page.waitForURL(origin + "/administration/comptes"),
                     page.click("nav a[href='/administration/comptes']")]);
  let text = await page.textContent("main");
  assert.match(text, /Dernière connexion/);
  assert.match(text, /awa/);
  assert.doesNotMatch(text, /SN-2026|BJ-2026|CM-2026/);  // no personal record
  await checkA11y(page, "administration: comptes");
  await shot(page, "80-admin-comptes");

  await Promise.all([page.waitForURL(origin + "/administration/comptes/nouveau"),
                     page.click("main a.bouton[href='/administration/comptes/nouveau']")]);
  await checkA11y(page, "administration: nouveau compte");
  await shot(page, "81-admin-nouveau-compte");
  // A login taken and two passwords that differ: each said next to its
  // field, the passwords not sent back, the focus on the summary.
  await page.fill("#a-login", "awa");
  await page.selectOption("#a-role", "counsellor");
  await page.selectOption("#a-agence", "main");
  await page.fill("#a-mdp", NEW_PASSWORD);
  await page.fill("#a-mdp2", NEW_PASSWORD + "!");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 422),
                     page.click("main button.principal")]);
  await page.waitForSelector("#a-login-err");
  // skillmatch.js focuses the error summary once the page is read.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "erreurs");
  assert.match(await page.textContent("#a-login-err"), /Cet identifiant est déjà pris/);
  assert.match(await page.textContent("#a-mdp-err"), /Les deux mots de passe diffèrent/);
  assert.equal(await page.inputValue("#a-mdp"), "");
  assert.equal(await page.inputValue("#a-login"), "awa");
  assert.ok(!(await page.content()).includes(NEW_PASSWORD));
  await checkA11y(page, "administration: erreurs");
  await shot(page, "82-admin-erreurs");
  // Corrected, with the keyboard: the account is created, its password
  // temporary (the box is ticked unless the admin unticks it).
  assert.ok(await page.isChecked("#a-provisoire"));
  await page.fill("#a-login", "mariama");
  await page.fill("#a-mdp", NEW_PASSWORD);
  await page.fill("#a-mdp2", NEW_PASSWORD);
  await page.focus("#a-mdp2");
  await Promise.all([page.waitForURL(/\/administration\/comptes\?cree=\d+$/), page.keyboard.press("Enter")]);
  assert.match(await page.textContent("main [role=status]"), /Compte mariama créé/);
  await checkA11y(page, "administration: compte créé");
  await shot(page, "83-admin-compte-cree");

  await Promise.all([page.waitForURL(/\/administration\/comptes\/\d+$/),
                     page.click("main table a:text-is('mariama')")]);
  text = await page.textContent("main");
  assert.match(text, /conseiller/);
  assert.match(text, /jamais/);
  await checkA11y(page, "administration: un compte");
  await shot(page, "84-admin-compte");

  await Promise.all([page.waitForURL(origin + "/administration/agences"),
                     page.click(".sous-nav a[href='/administration/agences']")]);
  await page.fill("#g-nom", "dakar-plateau");
  await page.fill("#g-region", "dakar");
  await Promise.all([page.waitForURL(/\/administration\/agences\?fait=agency$/),
                     page.click("form[action='/administration/agences'] button[type=submit]")]);
  assert.match(await page.textContent("main table"), /dakar-plateau/);
  await checkA11y(page, "administration: agences");
  await shot(page, "85-admin-agences");
  // An agency's region, changed from its line.
  await Promise.all([page.waitForURL(origin + "/administration/agences/dakar-plateau"),
                     page.click("main table a:text-is('dakar-plateau')")]);
  await checkA11y(page, "administration: une agence");
  await shot(page, "88-admin-agence");
  await page.fill("#g-region", "thies");
  await Promise.all([page.waitForURL(/\/administration\/agences\?fait=agency$/),
                     page.click("main form button[type=submit]")]);
  assert.match(await page.textContent("main table tr:has(a:text-is('dakar-plateau'))"), /thies/);

  await Promise.all([page.waitForURL(origin + "/administration/roles"),
                     page.click(".sous-nav a[href='/administration/roles']")]);
  assert.match(await page.textContent("main table"), /Administrer les comptes et les agences/);
  await checkA11y(page, "administration: rôles");
  await shot(page, "86-admin-roles");

  // The new counsellor signs in with the password the admin typed: it is
  // temporary, so « Mon compte » first, and nothing else until she has
  // chosen her own.
  const OWN_PASSWORD = "Fromager de Kaolack 2026";
  const second = await newPage();
  await second.goto(origin + "/connexion");
  await second.fill("#login", "mariama");
  await second.fill("#password", NEW_PASSWORD);
  await Promise.all([second.waitForURL(origin + "/compte"),
                     second.click("button[type=submit].principal")]);
  assert.match(await second.textContent("main [role=alert]"), /fixé par un administrateur/);
  await checkA11y(second, "mot de passe provisoire");
  await shot(second, "97-mot-de-passe-provisoire");
  await second.goto(origin + "/demandeurs/liste");
  assert.equal(second.url(), origin + "/compte");
  await second.fill("#m-actuel", NEW_PASSWORD);
  await second.fill("#a-mdp", OWN_PASSWORD);
  await second.fill("#a-mdp2", OWN_PASSWORD);
  await Promise.all([second.waitForURL(origin + "/compte?fait=password"),
                     second.click("main form[action='/compte/mot-de-passe'] button[type=submit]")]);
  assert.equal(await second.locator("main [role=alert]").count(), 0);
  await second.goto(origin + "/accueil");
  assert.equal(second.url(), origin + "/accueil");
  assert.match(await second.textContent("main"), /Mes demandeurs d'emploi/);
  assert.match(await second.textContent("header"), /mariama · conseiller/);
  // A counsellor has no administration.
  const refused = await second.goto(origin + "/administration/comptes");
  assert.equal(refused.status(), 403);
  await shot(second, "87-admin-nouvelle-conseillere");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(second.problems, []);
});

test("a counsellor changes his own password from « Mon compte »", async () => {
  const NEW_PASSWORD = "Fleuve Niger au matin 2026";
  const page = await newPage();
  await login(page, "ibrahima");
  const elsewhere = await newPage();
  await login(elsewhere, "ibrahima");
  // The name in the header leads to the account.
  await Promise.all([page.waitForURL(origin + "/compte"), page.click("header a.compte")]);
  const text = await page.textContent("main");
  assert.match(text, /ibrahima/);
  assert.match(text, /conseiller/);
  await checkA11y(page, "mon compte");
  await shot(page, "94-mon-compte");
  // A wrong current password: said beside its field, nothing typed sent back.
  await page.fill("#m-actuel", "pas le bon mot de passe");
  await page.fill("#a-mdp", NEW_PASSWORD);
  await page.fill("#a-mdp2", NEW_PASSWORD);
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 422),
                     page.click("main form button[type=submit]")]);
  await page.waitForSelector("#m-actuel-err");
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "erreurs");
  assert.match(await page.textContent("#m-actuel-err"), /Le mot de passe actuel est incorrect/);
  assert.equal(await page.inputValue("#a-mdp"), "");
  assert.ok(!(await page.content()).includes(NEW_PASSWORD));
  await checkA11y(page, "mon compte: erreur");
  await shot(page, "95-mon-compte-erreur");
  // Right, with the keyboard: changed, still signed in here.
  await page.fill("#m-actuel", PASSWORD);
  await page.fill("#a-mdp", NEW_PASSWORD);
  await page.fill("#a-mdp2", NEW_PASSWORD);
  await page.focus("#a-mdp2");
  await Promise.all([page.waitForURL(origin + "/compte?fait=password"), page.keyboard.press("Enter")]);
  assert.match(await page.textContent("main [role=status]"), /Mot de passe changé/);
  await checkA11y(page, "mon compte: changé");
  await shot(page, "96-mon-compte-change");
  await Promise.all([page.waitForURL(origin + "/accueil"), page.click("nav a[href='/accueil']")]);
  assert.match(await page.textContent("main"), /Mes demandeurs d'emploi/);
  // The other browser's session has ended: back to the login page.
  await elsewhere.goto(origin + "/accueil");
  assert.equal(elsewhere.url(), origin + "/connexion");
  // The old password no longer opens, the new one does.
  await elsewhere.fill("#login", "ibrahima");
  await elsewhere.fill("#password", PASSWORD);
  await Promise.all([elsewhere.waitForResponse((r) => r.request().method() === "POST" && r.status() === 401),
                     elsewhere.click("button[type=submit].principal")]);
  await elsewhere.fill("#password", NEW_PASSWORD);
  await Promise.all([elsewhere.waitForURL(origin + "/accueil"),
                     elsewhere.click("button[type=submit].principal")]);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(elsewhere.problems, []);
});

test("a supervisor enrols his own second factor from « Mon compte »", async () => {
  const page = await newPage();
  await login(page, "ousmane");
  await Promise.all([page.waitForURL(origin + "/compte"), page.click("header a.compte")]);
  await page.fill("#t-actuel", PASSWORD);
  await Promise.all([page.waitForURL(origin + "/compte/double-facteur#h-moi-2fa"),
                     page.click("form[action='/compte/double-facteur#h-moi-2fa'] button")]);
  // The QR code as the phone's camera would see it: a picture of the
  // screen, read by zbar; it is the key shown for typing.
  const picture = join(work, "qr.png");
  await page.locator("#t-qr svg").screenshot({ path: picture });
  const zbar = spawnSync("zbarimg", ["--raw", "-q", picture], { encoding: "utf8" });
  assert.equal(zbar.status, 0, zbar.stderr);
  const uri = new URL(zbar.stdout.trim());
  assert.equal(uri.protocol, "otpauth:");
  assert.equal(uri.host + uri.pathname, "totp/skillmatch:ousmane");
  const key = uri.searchParams.get("secret");
  assert.match(key, /^[A-Z2-7]{32}$/);
  assert.equal((await page.textContent("#t-cle")).replace(/ /g, ""), key);
  await checkA11y(page, "mon compte: double authentification");
  await shot(page, "100-double-authentification");
  // The code an independent authenticator gives for that key now.
  const oath = spawnSync("oathtool", ["--totp", "-b", key], { encoding: "utf8" });
  assert.equal(oath.status, 0, oath.stderr);
  await page.fill("#t-code", oath.stdout.trim());
  await Promise.all([page.waitForURL(/\/compte\?fait=totp(#h-moi-2fa)?$/),
                     page.click("form[action='/compte/double-facteur/confirmer#h-moi-2fa'] button")]);
  assert.match(await page.textContent("main [role=status]"), /Double authentification activée/);
  assert.match(await page.textContent("#h-moi-2fa + p"), /Activée/);
  assert.ok(!(await page.content()).includes(key));
  assert.deepEqual(page.problems, []);
});
