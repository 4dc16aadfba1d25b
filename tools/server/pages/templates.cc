// The templates of the pages (syntax: html.h). Plain HTML with {{..}}: no
// logic beyond loops and conditions; every value is escaped when rendered;
// every text a person reads is a {{t:id}} of the catalogue or a value the
// handler took from it. Kept in one file so that the layout reads top to
// bottom; one entry per template, in the order of the screens.
#include <string_view>
#include <utility>

namespace skillmatch::pages {

extern const std::pair<std::string_view, std::string_view> kTemplates[];
extern const size_t kTemplateCount;

const std::pair<std::string_view, std::string_view> kTemplates[] = {

// ------------------------------------------------------------ Frame
{"layout", R"(<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"selfRequestsOnly":true,"historyCacheSize":0}'>
<title>{{title}} · {{t:app.name}}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/skillmatch.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/skillmatch.js" defer></script>
</head>
<body hx-headers='{"X-CSRF-Token": "{{csrf}}"}'{{#print}} class="fiche"{{/print}}>
<a class="evitement" href="#contenu">{{t:layout.skip}}</a>
<header class="bandeau">
<p class="marque"><a href="/accueil">{{t:app.name}}</a> <span>{{t:app.tagline}}</span></p>
{{#signed_in}}
<nav aria-label="{{t:layout.nav}}"><ul>
{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
{{/nav}}</ul></nav>
<form method="post" action="/deconnexion" class="sortie">
<input type="hidden" name="csrf" value="{{csrf}}">
<a class="compte" href="/compte" aria-label="{{t:nav.account}} : {{account}}"{{#account_current}} aria-current="page"{{/account_current}}>{{account}}</a>
<button type="submit">{{t:layout.logout}}</button>
</form>
{{/signed_in}}
</header>
<main id="contenu" tabindex="-1">
{{#notice}}<p class="avis" role="status">{{notice}}</p>{{/notice}}
<h1>{{title}}</h1>
{{content}}
</main>
<footer class="pied"><p>{{t:layout.footer}}</p></footer>
</body>
</html>
)"},

{"error", R"(<p class="erreur" role="alert">{{message}}</p>
<p><a href="/accueil">{{t:error.back}}</a></p>
)"},

// ------------------------------------------------------------ Connexion
{"login", R"(<form method="post" action="/connexion" class="connexion" novalidate>
{{#error}}<p class="erreur" role="alert" id="connexion-erreur">{{error}}</p>{{/error}}
<p>
<label for="login">{{t:login.login}}</label>
<input id="login" name="login" type="text" autocomplete="username" required value="{{login}}"{{#error}} aria-describedby="connexion-erreur" aria-invalid="true"{{/error}}>
</p>
<p>
<label for="password">{{t:login.password}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required{{#error}} aria-describedby="connexion-erreur" aria-invalid="true"{{/error}}>
</p>
<p>
<label for="code">{{t:login.code}}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" aria-describedby="code-aide">
<span class="aide" id="code-aide">{{t:login.code.help}}</span>
</p>
<p><button type="submit" class="principal">{{t:login.submit}}</button></p>
</form>
<p class="aide">{{t:login.help}}</p>
)"},

// ------------------------------------------------------------ Accueil
{"home_counsellor", R"(<section aria-labelledby="h-recherche" class="carte">
<h2 id="h-recherche">{{t:home.search}}</h2>
<form method="post" action="/demandeurs/recherche" hx-post="/demandeurs/recherche" hx-target="#resultats-recherche" hx-swap="innerHTML" class="en-ligne">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="q">{{t:home.search.label}}</label>
<input id="q" name="q" type="search" autocomplete="off" aria-describedby="q-aide">
<button type="submit">{{t:home.search.submit}}</button>
<span id="q-aide" class="aide">{{t:home.search.help}}</span>
</form>
<div id="resultats-recherche" aria-live="polite"></div>
<p><a class="bouton" href="/demandeurs/nouveau">{{t:home.register}}</a>{{#new_offer}} <a class="bouton" href="/offres/nouvelle">{{t:home.new_offer}}</a>{{/new_offer}}</p>
</section>

<section aria-labelledby="h-mes" class="carte">
<h2 id="h-mes">{{t:home.mine}}</h2>
{{mine}}
</section>
{{actions}}

<section aria-labelledby="h-decisions" class="carte">
<h2 id="h-decisions">{{t:home.decisions}}</h2>
{{?decisions}}
<table>
<caption>{{t:home.decisions.caption}}</caption>
<thead><tr><th scope="col">{{t:col.date}}</th><th scope="col">{{t:col.jobseeker}}</th><th scope="col">{{t:col.offer}}</th><th scope="col">{{t:col.decision}}</th><th scope="col">{{t:col.by}}</th></tr></thead>
<tbody>
{{#decisions}}<tr><td>{{date}}</td><td><a href="{{profile_href}}">{{profile}}</a></td><td>{{offer}}</td><td>{{status}}</td><td>{{by}}</td></tr>
{{/decisions}}</tbody>
</table>
{{/decisions}}
{{^decisions}}<p>{{t:home.decisions.none}}</p>{{/decisions}}
</section>

<section aria-labelledby="h-alertes" class="carte">
<h2 id="h-alertes">{{t:home.alerts}}</h2>
<h3>{{t:home.expiring}}</h3>
{{?expiring}}
<table>
<caption>{{t:home.expiring.caption}}</caption>
<thead><tr><th scope="col">{{t:col.offer}}</th><th scope="col">{{t:col.title}}</th><th scope="col">{{t:col.employer}}</th><th scope="col">{{t:col.expires}}</th></tr></thead>
<tbody>
{{#expiring}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{title}}</td><td>{{employer}}</td><td>{{expires}}</td></tr>
{{/expiring}}</tbody>
</table>
{{/expiring}}
{{^expiring}}<p>{{t:home.expiring.none}}</p>{{/expiring}}
<h3>{{t:home.idle}}</h3>
{{?idle}}<ul class="liste">
{{#idle}}<li><a href="{{href}}">{{id}}</a> · {{since}}</li>
{{/idle}}</ul>{{/idle}}
{{^idle}}<p>{{t:home.idle.none}}</p>{{/idle}}
</section>
)"},

{"search_results", R"({{?items}}<ul class="liste">
{{#items}}<li><a href="{{href}}">{{id}}</a> · {{target}}</li>
{{/items}}</ul>{{/items}}
{{^items}}<p>{{none}}</p>{{/items}}
)"},

{"home_offers", R"(<section aria-labelledby="h-offres" class="carte">
<h2 id="h-offres">{{t:home.offers}}</h2>
{{#new_offer}}<p><a class="bouton" href="/offres/nouvelle">{{t:home.new_offer}}</a></p>{{/new_offer}}
{{?offers}}
<table>
<caption>{{t:home.offers.caption}}</caption>
<thead><tr><th scope="col">{{t:col.offer}}</th><th scope="col">{{t:col.title}}</th><th scope="col">{{t:col.employer}}</th><th scope="col">{{t:col.expires}}</th></tr></thead>
<tbody>
{{#offers}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{title}}</td><td>{{employer}}</td><td>{{expires}}</td></tr>
{{/offers}}</tbody>
</table>
{{/offers}}
{{^offers}}<p>{{t:home.offers.none}}</p>{{/offers}}
{{#review}}<p>{{review}}</p>{{/review}}
</section>
)"},

{"home_statistician", R"(<section aria-labelledby="h-stats" class="carte">
<h2 id="h-stats">{{t:home.stats}}</h2>
<table>
<caption>{{t:home.stats.caption}}</caption>
<thead><tr><th scope="col">{{t:col.agency}}</th><th scope="col" class="nombre">{{t:col.jobseekers}}</th><th scope="col" class="nombre">{{t:col.offers}}</th></tr></thead>
<tbody>
{{#rows}}<tr><th scope="row">{{agency}}</th><td class="nombre">{{jobseekers}}</td><td class="nombre">{{offers}}</td></tr>
{{/rows}}</tbody>
</table>
<p class="aide">{{t:home.stats.help}}</p>
</section>
)"},

{"home_admin", R"(<section aria-labelledby="h-comptes" class="carte">
<h2 id="h-comptes">{{t:home.accounts}}</h2>
<table>
<caption>{{t:home.accounts.caption}}</caption>
<thead><tr><th scope="col">{{t:col.login}}</th><th scope="col">{{t:col.role}}</th><th scope="col">{{t:col.agency}}</th><th scope="col">{{t:col.state}}</th></tr></thead>
<tbody>
{{#accounts}}<tr><th scope="row">{{login}}</th><td>{{role}}</td><td>{{agency}}</td><td>{{state}}</td></tr>
{{/accounts}}</tbody>
</table>
</section>
)"},

{"home_auditor", R"(<section aria-labelledby="h-audit" class="carte">
<h2 id="h-audit">{{t:home.audit}}</h2>
<table>
<caption>{{t:home.audit.caption}}</caption>
<thead><tr><th scope="col">{{t:col.entry}}</th><th scope="col">{{t:col.when}}</th><th scope="col">{{t:col.actor}}</th><th scope="col">{{t:col.action}}</th><th scope="col">{{t:col.record}}</th></tr></thead>
<tbody>
{{#entries}}<tr><td>{{id}}</td><td>{{at}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{record}}</td></tr>
{{/entries}}</tbody>
</table>
<p><a class="bouton" href="/journal">{{t:home.audit.search}}</a></p>
</section>
)"},

// ------------------------------------------------------------ Journal d'audit
{"audit_log", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{t:audit.errors}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
{{#verified}}<section aria-labelledby="h-chaine" class="carte">
<h2 id="h-chaine" tabindex="-1">{{t:audit.verify.title}}</h2>
{{#intact}}<p class="avis" role="status">{{verify_text}}</p>{{/intact}}
{{^intact}}<div class="erreur" role="alert"><p>{{verify_text}}</p>
<details><summary>{{t:audit.verify.detail}}</summary><ul>{{#problems}}<li><code>{{text}}</code></li>{{/problems}}</ul></details></div>{{/intact}}
</section>{{/verified}}
<section aria-labelledby="h-recherche" class="carte">
<h2 id="h-recherche">{{t:audit.search}}</h2>
<p class="aide">{{t:audit.intro}}</p>
<form id="j-criteres" method="post" action="/journal#h-entrees" class="dossier" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="champ"><label for="j-compte">{{t:audit.login}}</label>
<input id="j-compte" name="compte" type="text" value="{{compte}}" autocomplete="off" aria-describedby="j-compte-aide{{#compte_error}} j-compte-err{{/compte_error}}"{{#compte_error}} aria-invalid="true"{{/compte_error}}>
<span id="j-compte-aide" class="aide">{{t:audit.login.help}}</span>
{{#compte_error}}<span id="j-compte-err" class="erreur-champ">{{compte_error}}</span>{{/compte_error}}</p>
<p class="champ"><label for="j-famille">{{t:audit.family}}</label>
<select id="j-famille" name="famille"{{#famille_error}} aria-invalid="true" aria-describedby="j-famille-err"{{/famille_error}}>
<option value=""{{#all_selected}} selected{{/all_selected}}>{{t:audit.family.all}}</option>
{{#families}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/families}}</select>
{{#famille_error}}<span id="j-famille-err" class="erreur-champ">{{famille_error}}</span>{{/famille_error}}</p>
<p class="champ"><label for="j-dossier">{{t:audit.record}}</label>
<input id="j-dossier" name="dossier" type="text" value="{{dossier}}" autocomplete="off" aria-describedby="j-dossier-aide{{#dossier_error}} j-dossier-err{{/dossier_error}}"{{#dossier_error}} aria-invalid="true"{{/dossier_error}}>
<span id="j-dossier-aide" class="aide">{{t:audit.record.help}}</span>
{{#dossier_error}}<span id="j-dossier-err" class="erreur-champ">{{dossier_error}}</span>{{/dossier_error}}</p>
<fieldset>
<legend>{{t:audit.period}}</legend>
<p class="champ"><label for="j-du">{{t:list.from}}</label>
<input id="j-du" name="du" type="text" inputmode="numeric" autocomplete="off" value="{{du}}" aria-describedby="j-date-aide{{#du_error}} j-du-err{{/du_error}}"{{#du_error}} aria-invalid="true"{{/du_error}}>
{{#du_error}}<span id="j-du-err" class="erreur-champ">{{du_error}}</span>{{/du_error}}</p>
<p class="champ"><label for="j-au">{{t:list.to}}</label>
<input id="j-au" name="au" type="text" inputmode="numeric" autocomplete="off" value="{{au}}" aria-describedby="j-date-aide{{#au_error}} j-au-err{{/au_error}}"{{#au_error}} aria-invalid="true"{{/au_error}}>
{{#au_error}}<span id="j-au-err" class="erreur-champ">{{au_error}}</span>{{/au_error}}</p>
<p id="j-date-aide" class="aide">{{t:audit.date.help}}</p>
</fieldset>
<p class="actions"><button type="submit" class="principal">{{t:audit.show}}</button>
<button type="submit" formaction="/journal/export" name="format" value="csv">{{t:export.csv}}</button>
<button type="submit" formaction="/journal/export" name="format" value="xlsx">{{t:export.xlsx}}</button></p>
<p class="aide">{{t:audit.export.help}}</p>
</form>
<form method="post" action="/journal/verification#h-chaine">
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="actions"><button type="submit">{{t:audit.verify}}</button></p>
<p class="aide">{{t:audit.verify.help}}</p>
</form>
</section>
{{#shown}}<section aria-labelledby="h-entrees" class="carte">
<h2 id="h-entrees" tabindex="-1">{{t:audit.entries}}</h2>
<p role="status">{{summary}}</p>
{{?rows}}<div class="defile" tabindex="0" role="region" aria-labelledby="j-caption"><table>
<caption id="j-caption">{{t:audit.caption}}</caption>
<thead><tr><th scope="col">{{t:col.entry}}</th><th scope="col">{{t:col.when}}</th><th scope="col">{{t:col.actor}}</th><th scope="col">{{t:col.action}}</th><th scope="col">{{t:col.record}}</th><th scope="col">{{t:col.address}}</th></tr></thead>
<tbody>
{{#rows}}<tr><td class="nombre">{{id}}</td><td>{{at}}</td><td>{{actor}}</td><td><code>{{action}}</code></td><td>{{record}}</td><td>{{address}}</td></tr>
{{/rows}}</tbody>
</table></div>{{/rows}}
{{#older}}<p class="actions"><button type="submit" form="j-criteres" name="avant" value="{{older_id}}">{{t:audit.older}}</button></p>{{/older}}
</section>{{/shown}}
)"},

// ------------------------------------------------------------ Dossier
{"jobseeker_view", R"(<p class="actions">
<a class="bouton principal" href="{{offers_href}}">{{t:js.offers}}</a>
<a class="bouton" href="{{edit_href}}">{{t:js.edit}}</a>
<a class="bouton" href="{{sheet_href}}">{{t:js.sheet}}</a>
<a class="bouton" href="{{mobility_href}}">{{t:js.mobility}}</a>
<a class="bouton" href="{{reorientation_href}}">{{t:js.reorientation}}</a>
</p>
<div class="grille">
<section aria-labelledby="h-metiers" class="carte">
<h2 id="h-metiers">{{t:js.occupations}}</h2>
<dl>
<dt>{{t:js.targets}}</dt>
{{#targets}}<dd>{{label}} <span class="code">({{code}})</span></dd>{{/targets}}
{{^targets}}<dd>{{t:js.none}}</dd>{{/targets}}
<dt>{{t:js.past}}</dt>
{{#past}}<dd>{{label}} <span class="code">({{code}})</span> · {{years}}</dd>{{/past}}
{{^past}}<dd>{{t:js.none}}</dd>{{/past}}
<dt>{{t:js.experience}}</dt><dd>{{experience}}</dd>
<dt>{{t:js.education}}</dt><dd>{{education}}</dd>
</dl>
</section>
<section aria-labelledby="h-lieu" class="carte">
<h2 id="h-lieu">{{t:js.place}}</h2>
<dl>
<dt>{{t:js.location}}</dt><dd>{{location}}</dd>
<dt>{{t:js.mobility_zone}}</dt><dd>{{mobility}}</dd>
<dt>{{t:js.licences}}</dt><dd>{{licences}}</dd>
<dt>{{t:js.available}}</dt><dd>{{available}}</dd>
<dt>{{t:js.contracts}}</dt><dd>{{contracts}}</dd>
<dt>{{t:js.languages}}</dt>
{{#languages}}<dd>{{name}} · {{level}}</dd>{{/languages}}
{{^languages}}<dd>{{t:js.none}}</dd>{{/languages}}
</dl>
</section>
</div>
<section aria-labelledby="h-competences" class="carte">
<h2 id="h-competences">{{t:js.skills}}</h2>
{{?skills}}
<table>
<caption>{{t:js.skills.caption}}</caption>
<thead><tr><th scope="col">{{t:col.skill}}</th><th scope="col">{{t:col.level}}</th><th scope="col">{{t:col.validated}}</th></tr></thead>
<tbody>
{{#skills}}<tr><th scope="row">{{label}} <span class="code">({{id}})</span></th><td>{{level}}</td><td>{{validated}}</td></tr>
{{/skills}}</tbody>
</table>
{{/skills}}
{{^skills}}<p>{{t:js.none}}</p>{{/skills}}
<h3>{{t:js.soft}}</h3>
{{?soft}}<ul class="pastilles">{{#soft}}<li>{{label}}</li>{{/soft}}</ul>{{/soft}}
{{^soft}}<p>{{t:js.none}}</p>{{/soft}}
</section>
<section aria-labelledby="h-decisions" class="carte">
<h2 id="h-decisions">{{t:js.decisions}}</h2>
{{?decisions}}
<table>
<caption>{{t:js.decisions.caption}}</caption>
<thead><tr><th scope="col">{{t:col.date}}</th><th scope="col">{{t:col.offer}}</th><th scope="col">{{t:col.decision}}</th><th scope="col">{{t:col.reason}}</th><th scope="col">{{t:col.by}}</th></tr></thead>
<tbody>
{{#decisions}}<tr><td>{{date}}</td><td>{{offer}}</td><td>{{status}}</td><td>{{reason}}</td><td>{{by}}</td></tr>
{{/decisions}}</tbody>
</table>
{{/decisions}}
{{^decisions}}<p>{{t:js.decisions.none}}</p>{{/decisions}}
</section>
<div id="suivi-zone">{{follow_up}}</div>
)"},

{"jobseeker_form", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{errors_title}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
<form method="post" action="{{action}}" class="dossier" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset>
<legend>{{t:form.identity}}</legend>
{{#new}}<p class="champ">
<label for="f-id">{{t:form.id}}</label>
<input id="f-id" name="id" type="text" required value="{{id}}" aria-describedby="f-id-aide{{#id_error}} f-id-err{{/id_error}}"{{#id_error}} aria-invalid="true"{{/id_error}}>
<span id="f-id-aide" class="aide">{{t:form.id.help}}</span>
{{#id_error}}<span id="f-id-err" class="erreur-champ">{{id_error}}</span>{{/id_error}}
</p>{{/new}}
{{^new}}<p>{{t:form.id}} <strong>{{id}}</strong></p>{{/new}}
</fieldset>

<fieldset>
<legend>{{t:form.targets}}</legend>
<div class="recherche-metier">
<label for="f-metier-q">{{t:form.occupation.search}}</label>
<input id="f-metier-q" name="metier_q" type="search" autocomplete="off" aria-describedby="f-metier-q-aide" aria-controls="f-metier-propositions"
 hx-post="/metiers/recherche" hx-trigger="input changed delay:300ms, search" hx-target="#f-metier-propositions" hx-include="this">
<span id="f-metier-q-aide" class="aide">{{t:form.occupation.help}}</span>
<div id="f-metier-propositions" aria-live="polite"></div>
</div>
{{#targets}}<p class="champ">
<label for="{{field}}">{{label}}</label>
<input id="{{field}}" name="metier" type="text" value="{{value}}" class="code-metier" aria-describedby="{{field}}-aide{{#error}} {{field}}-err{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
<span id="{{field}}-aide" class="aide">{{current}}</span>
{{#error}}<span id="{{field}}-err" class="erreur-champ">{{error}}</span>{{/error}}
</p>{{/targets}}
</fieldset>

<fieldset>
<legend>{{t:form.past}}</legend>
<div class="recherche-metier" data-champs="code-passe">
<label for="f-passe-q">{{t:form.past.search}}</label>
<input id="f-passe-q" name="passe_q" type="search" autocomplete="off" aria-describedby="f-passe-q-aide" aria-controls="f-passe-propositions"
 hx-post="/metiers/recherche" hx-trigger="input changed delay:300ms, search" hx-target="#f-passe-propositions" hx-include="this">
<span id="f-passe-q-aide" class="aide">{{t:form.past.search.help}}</span>
<div id="f-passe-propositions" aria-live="polite"></div>
</div>
{{#past}}<div class="ligne">
<p class="champ"><label for="{{field}}-code">{{label}}</label>
<input id="{{field}}-code" name="passe_code" type="text" value="{{code}}" class="code-passe" aria-describedby="{{field}}-aide{{#error}} {{field}}-err{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
<span id="{{field}}-aide" class="aide">{{current}}</span>
{{#error}}<span id="{{field}}-err" class="erreur-champ">{{error}}</span>{{/error}}</p>
<p class="champ"><label for="{{field}}-annees">{{t:form.past.years}}</label>
<input id="{{field}}-annees" name="passe_annees" type="text" inputmode="decimal" value="{{years}}"></p>
</div>{{/past}}
</fieldset>

<fieldset>
<legend>{{t:form.skills}}</legend>
<p class="aide" id="f-competences-aide">{{t:form.skills.help}}</p>
<datalist id="competences-liste">{{#skill_options}}<option value="{{id}}">{{label}}</option>{{/skill_options}}</datalist>
{{#skills}}<div class="ligne">
<p class="champ"><label for="{{field}}-code">{{label}}</label>
<input id="{{field}}-code" name="competence_code" type="text" list="competences-liste" value="{{code}}" aria-describedby="f-competences-aide{{#error}} {{field}}-err{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
{{#current}}<span class="aide">{{current}}</span>{{/current}}
{{#error}}<span id="{{field}}-err" class="erreur-champ">{{error}}</span>{{/error}}</p>
<p class="champ"><label for="{{field}}-niveau">{{t:form.level}}</label>
<select id="{{field}}-niveau" name="competence_niveau">{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/levels}}</select></p>
<p class="champ case"><input id="{{field}}-valide" name="competence_valide" type="checkbox" value="{{index}}"{{#validated}} checked{{/validated}}>
<label for="{{field}}-valide">{{t:form.validated}}</label></p>
</div>{{/skills}}
</fieldset>

<fieldset>
<legend>{{t:form.soft}}</legend>
<p class="aide">{{t:form.soft.help}}</p>
{{#soft_groups}}<fieldset class="groupe">
<legend>{{name}}</legend>
<ul class="cases">{{#items}}<li><input id="f-se-{{id}}" name="savoir_etre" type="checkbox" value="{{id}}"{{#checked}} checked{{/checked}}> <label for="f-se-{{id}}">{{label}}</label></li>{{/items}}</ul>
</fieldset>{{/soft_groups}}
</fieldset>

<fieldset>
<legend>{{t:form.languages}}</legend>
<p class="aide" id="f-langues-aide">{{t:form.languages.help}}</p>
{{#languages}}<div class="ligne">
<p class="champ"><label for="{{field}}-code">{{label}}</label>
<input id="{{field}}-code" name="langue_code" type="text" value="{{code}}" aria-describedby="f-langues-aide{{#error}} {{field}}-err{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
{{#error}}<span id="{{field}}-err" class="erreur-champ">{{error}}</span>{{/error}}</p>
<p class="champ"><label for="{{field}}-niveau">{{t:form.cefr}}</label>
<select id="{{field}}-niveau" name="langue_niveau">{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/levels}}</select></p>
</div>{{/languages}}
</fieldset>

<fieldset>
<legend>{{t:form.background}}</legend>
<p class="champ"><label for="f-niveau">{{t:form.education}}</label>
<select id="f-niveau" name="niveau_etudes">{{#education}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/education}}</select></p>
<p class="champ"><label for="f-domaine">{{t:form.field}}</label>
<input id="f-domaine" name="domaine" type="text" value="{{education_field}}"></p>
<p class="champ"><label for="f-experience">{{t:form.experience}}</label>
<input id="f-experience" name="experience" type="text" inputmode="decimal" value="{{experience}}" aria-describedby="f-experience-aide{{#experience_error}} f-experience-err{{/experience_error}}"{{#experience_error}} aria-invalid="true"{{/experience_error}}>
<span id="f-experience-aide" class="aide">{{t:form.experience.help}}</span>
{{#experience_error}}<span id="f-experience-err" class="erreur-champ">{{experience_error}}</span>{{/experience_error}}</p>
</fieldset>

<fieldset>
<legend>{{t:form.place}}</legend>
<p class="champ"><label for="f-pays">{{t:form.country}}</label>
<input id="f-pays" name="pays" type="text" value="{{country}}" aria-describedby="f-pays-aide{{#country_error}} f-pays-err{{/country_error}}"{{#country_error}} aria-invalid="true"{{/country_error}}>
<span id="f-pays-aide" class="aide">{{t:form.country.help}}</span>
{{#country_error}}<span id="f-pays-err" class="erreur-champ">{{country_error}}</span>{{/country_error}}</p>
<p class="champ"><label for="f-region">{{t:form.region}}</label>
<input id="f-region" name="region" type="text" value="{{region}}"></p>
<p class="champ"><label for="f-ville">{{t:form.city}}</label>
<input id="f-ville" name="ville" type="text" value="{{city}}"></p>
<p class="champ"><label for="f-rayon">{{t:form.radius}}</label>
<input id="f-rayon" name="rayon" type="text" inputmode="numeric" value="{{radius}}" aria-describedby="f-rayon-aide{{#radius_error}} f-rayon-err{{/radius_error}}"{{#radius_error}} aria-invalid="true"{{/radius_error}}>
<span id="f-rayon-aide" class="aide">{{t:form.radius.help}}</span>
{{#radius_error}}<span id="f-rayon-err" class="erreur-champ">{{radius_error}}</span>{{/radius_error}}</p>
<fieldset class="groupe"><legend>{{t:form.mobility}}</legend>
<ul class="cases">
<li><input id="f-national" name="national" type="checkbox" value="1"{{#national}} checked{{/national}}> <label for="f-national">{{t:form.national}}</label></li>
{{#communities}}<li><input id="f-cer-{{code}}" name="communaute" type="checkbox" value="{{code}}"{{#checked}} checked{{/checked}}> <label for="f-cer-{{code}}">{{label}}</label></li>{{/communities}}
<li><input id="f-international" name="international" type="checkbox" value="1"{{#international}} checked{{/international}}> <label for="f-international">{{t:form.international}}</label></li>
</ul></fieldset>
</fieldset>

<fieldset>
<legend>{{t:form.conditions}}</legend>
<fieldset class="groupe"><legend>{{t:form.licences}}</legend>
<ul class="cases">{{#licences}}<li><input id="f-permis-{{code}}" name="permis" type="checkbox" value="{{code}}"{{#checked}} checked{{/checked}}> <label for="f-permis-{{code}}">{{label}}</label></li>{{/licences}}</ul>
</fieldset>
<p class="champ"><label for="f-dispo">{{t:form.available}}</label>
<input id="f-dispo" name="disponible" type="text" value="{{available}}" aria-describedby="f-dispo-aide{{#available_error}} f-dispo-err{{/available_error}}"{{#available_error}} aria-invalid="true"{{/available_error}}>
<span id="f-dispo-aide" class="aide">{{t:form.available.help}}</span>
{{#available_error}}<span id="f-dispo-err" class="erreur-champ">{{available_error}}</span>{{/available_error}}</p>
<fieldset class="groupe"><legend>{{t:form.contracts}}</legend>
<ul class="cases">{{#contracts}}<li><input id="f-contrat-{{code}}" name="contrat" type="checkbox" value="{{code}}"{{#checked}} checked{{/checked}}> <label for="f-contrat-{{code}}">{{label}}</label></li>{{/contracts}}</ul>
</fieldset>
</fieldset>
<p class="actions"><button type="submit" class="principal">{{t:form.save}}</button> <a href="{{cancel_href}}">{{t:form.cancel}}</a></p>
</form>
)"},

{"occupation_candidates", R"({{?items}}<ul class="propositions" aria-label="{{t:form.occupation.candidates}}">
{{#items}}<li><button type="button" class="choisir-metier" data-code="{{code}}">{{label}} <span class="code">({{code}})</span> · {{confidence}}</button></li>
{{/items}}</ul>{{/items}}
{{^items}}{{#asked}}<p>{{t:form.occupation.nothing}}</p>{{/asked}}{{/items}}
)"},

// ------------------------------------------------------------ Offres recommandées
{"offers", R"(<p class="actions">
<a class="bouton" href="{{profile_href}}">{{t:offers.back}}</a>
<a class="bouton" href="{{sheet_href}}">{{t:js.sheet}}</a>
<a class="bouton" href="{{mobility_href}}">{{t:js.mobility}}</a>
<a class="bouton" href="{{reorientation_href}}">{{t:js.reorientation}}</a>
</p>
<p>{{summary}}</p>
{{?offers}}
<ol class="offres">
{{#offers}}<li class="offre carte" id="{{anchor}}">
<h2><span class="rang">{{rank_text}}</span> {{title}}</h2>
<p class="meta">{{employer}} · {{place}} · {{contract}} · {{expires}}</p>
<p class="score"><strong>{{score_text}}</strong></p>
{{detail}}
{{#decided}}<p class="avis">{{decided}}</p>{{/decided}}
<form method="post" action="{{decide_action}}" class="decision" hx-post="{{decide_action}}" hx-target="#{{anchor}}-decision" hx-swap="innerHTML">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="offre" value="{{offer_id}}">
<fieldset><legend>{{decide_legend}}</legend>
<ul class="cases">{{#choices}}<li><input id="{{anchor}}-{{value}}" type="radio" name="statut" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="{{anchor}}-{{value}}">{{label}}</label></li>{{/choices}}</ul>
<p class="champ"><label for="{{anchor}}-motif">{{t:offers.reason}}</label>
<textarea id="{{anchor}}-motif" name="motif" rows="2" aria-describedby="{{anchor}}-motif-aide"></textarea>
<span id="{{anchor}}-motif-aide" class="aide">{{t:offers.reason.help}}</span></p>
<p><button type="submit">{{t:offers.record}}</button></p>
</fieldset>
<div id="{{anchor}}-decision" aria-live="polite"></div>
</form>
</li>
{{/offers}}</ol>
{{/offers}}
{{^offers}}<p>{{t:offers.none}}</p>{{/offers}}
<section aria-labelledby="h-ecartees" class="carte">
<h2 id="h-ecartees">{{t:offers.filtered}}</h2>
{{?filtered}}
<table>
<caption>{{t:offers.filtered.caption}}</caption>
<thead><tr><th scope="col">{{t:col.offer}}</th><th scope="col">{{t:col.title}}</th><th scope="col">{{t:col.why}}</th></tr></thead>
<tbody>
{{#filtered}}<tr><td>{{id}}</td><td>{{title}}</td><td>{{why}}</td></tr>
{{/filtered}}</tbody>
</table>
{{/filtered}}
{{^filtered}}<p>{{t:offers.filtered.none}}</p>{{/filtered}}
</section>
)"},

// ------------------------------------------------------------ Fiche offre
{"offer_view", R"({{#edit_href}}<p class="actions"><a class="bouton" href="{{edit_href}}">{{t:offerform.edit}}</a></p>{{/edit_href}}
<div class="grille">
<section aria-labelledby="h-offre" class="carte">
<h2 id="h-offre">{{t:offer.details}}</h2>
<dl>
<dt>{{t:col.employer}}</dt><dd>{{employer}}</dd>
<dt>{{t:offer.occupation}}</dt><dd>{{occupation}}</dd>
<dt>{{t:col.place}}</dt><dd>{{place}}</dd>
<dt>{{t:offer.contract}}</dt><dd>{{contract}}</dd>
<dt>{{t:offer.positions}}</dt><dd>{{positions}}</dd>
<dt>{{t:offer.salary}}</dt><dd>{{salary}}</dd>
<dt>{{t:offer.dates}}</dt><dd>{{dates}}</dd>
</dl>
</section>
<section aria-labelledby="h-exigences" class="carte">
<h2 id="h-exigences">{{t:offer.requirements}}</h2>
<dl>
<dt>{{t:js.skills}}</dt>{{#skills}}<dd>{{text}}</dd>{{/skills}}{{^skills}}<dd>{{t:offers.no_skill}}</dd>{{/skills}}
<dt>{{t:js.soft}}</dt>{{#soft}}<dd>{{text}}</dd>{{/soft}}{{^soft}}<dd>{{t:offers.no_skill}}</dd>{{/soft}}
<dt>{{t:js.languages}}</dt>{{#languages}}<dd>{{text}}</dd>{{/languages}}{{^languages}}<dd>{{t:offers.no_skill}}</dd>{{/languages}}
<dt>{{t:offer.education}}</dt><dd>{{education}}</dd>
<dt>{{t:offer.experience}}</dt><dd>{{experience}}</dd>
<dt>{{t:js.licences}}</dt><dd>{{licences}}</dd>
</dl>
</section>
</div>
{{?description}}<section aria-labelledby="h-description" class="carte"><h2 id="h-description">{{t:offer.description}}</h2><p>{{description}}</p></section>{{/description}}
{{?can_shortlist}}
<section aria-labelledby="h-liste" class="carte">
<h2 id="h-liste" tabindex="-1">{{t:offer.shortlist}}</h2>
<p id="etapes-aide">{{t:stage.legend}}</p>
<ol class="etapes"><li>{{t:stage.step.proposed}}</li><li>{{t:stage.step.presented}}</li><li>{{t:stage.step.final}}</li></ol>
{{?shortlist}}
<table>
<caption>{{t:offer.shortlist.caption}}</caption>
<thead><tr><th scope="col">{{t:col.jobseeker}}</th><th scope="col">{{t:offer.stage}}</th><th scope="col">{{t:col.reason}}</th><th scope="col">{{t:col.date}}</th><th scope="col">{{t:col.by}}</th><th scope="col">{{t:stage.next}}</th></tr></thead>
<tbody>
{{#shortlist}}<tr id="{{row_id}}"><th scope="row">{{?href}}<a href="{{href}}">{{id}}</a>{{/href}}{{^href}}{{id}}{{/href}}</th><td>{{stage}}</td><td>{{reason}}</td><td>{{date}}</td><td>{{by}}</td>
<td><span class="aide">{{step}}</span>{{#moves}}<form method="post" action="{{action}}" class="etape">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="demandeur" value="{{profile}}">
<input type="hidden" name="statut" value="{{status}}">
{{#needs_reason}}<label for="{{field}}">{{reason_label}}</label>
<input id="{{field}}" name="motif" type="text" required aria-describedby="{{field}}-aide"> <span id="{{field}}-aide" class="aide">{{t:stage.reason.help}}</span>{{/needs_reason}}
<button type="submit">{{label}}</button>
</form>{{/moves}}{{^moves}}{{t:stage.done}}{{/moves}}</td></tr>
{{/shortlist}}</tbody>
</table>
{{/shortlist}}
{{^shortlist}}<p>{{t:offer.shortlist.none}}</p>{{/shortlist}}
{{#export_csv}}<p class="actions"><a class="bouton" href="{{export_csv}}" download>{{t:export.csv}}</a> <a class="bouton" href="{{export_xlsx}}" download>{{t:export.xlsx}}</a></p>{{/export_csv}}
</section>
<section aria-labelledby="h-candidats">
<h2 id="h-candidats">{{t:offer.candidates}}</h2>
<p>{{candidates_summary}}</p>
{{?candidates}}<ol class="offres">
{{#candidates}}<li class="offre carte" id="{{anchor}}">
<h3><span class="rang">{{rank_text}}</span> {{?href}}<a href="{{href}}">{{id}}</a>{{/href}}{{^href}}{{id}}{{/href}}</h3>
<p class="score"><strong>{{score_text}}</strong>{{?stage}} · {{stage}}{{/stage}}</p>
{{detail}}
{{?can_decide}}<form method="post" action="{{decide_action}}" class="decision" hx-post="{{decide_action}}" hx-target="#{{anchor}}-decision" hx-swap="innerHTML">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="demandeur" value="{{id}}">
<fieldset><legend>{{decide_legend}}</legend>
<ul class="cases">{{#choices}}<li><input id="{{anchor}}-{{value}}" type="radio" name="statut" value="{{value}}"> <label for="{{anchor}}-{{value}}">{{label}}</label></li>{{/choices}}</ul>
<p class="champ"><label for="{{anchor}}-motif">{{t:offers.reason}}</label>
<textarea id="{{anchor}}-motif" name="motif" rows="2"></textarea></p>
<p><button type="submit">{{t:offers.record}}</button></p>
</fieldset>
<div id="{{anchor}}-decision" aria-live="polite"></div>
</form>{{/can_decide}}
</li>
{{/candidates}}</ol>{{/candidates}}
</section>
{{/can_shortlist}}
)"},

// ------------------------------------------------------------ Offres à vérifier
{"review", R"(<p>{{summary}}</p>
{{?items}}<ol class="offres">
{{#items}}<li class="offre carte" id="{{anchor}}">
<h2>{{title}}</h2>
<p class="meta">{{employer}} · {{source}} · {{offer_id}}</p>
<p>{{suggested}}</p>
<form method="post" action="{{action}}" class="decision">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset><legend>{{legend}}</legend>
<ul class="cases">{{#candidates}}<li><input id="{{anchor}}-{{code}}" type="radio" name="code" value="{{code}}"{{#checked}} checked{{/checked}}> <label for="{{anchor}}-{{code}}">{{label}} ({{code}}) · {{confidence}}</label></li>{{/candidates}}</ul>
<p class="champ"><label for="{{anchor}}-autre">{{t:review.other}}</label>
<input id="{{anchor}}-autre" name="autre" type="text" aria-describedby="{{anchor}}-autre-aide">
<span id="{{anchor}}-autre-aide" class="aide">{{t:review.other.help}}</span></p>
<p><button type="submit">{{t:review.save}}</button></p>
</fieldset>
</form>
</li>
{{/items}}</ol>{{/items}}
{{^items}}<p>{{t:review.none}}</p>{{/items}}
)"},

// The score of one pair, explained: shared by the offers of a jobseeker and
// the candidates of an offer.
{"score_detail", R"(<table class="blocs">
<caption>{{blocks_caption}}</caption>
<thead><tr><th scope="col">{{t:col.block}}</th><th scope="col" class="nombre">{{t:col.points}}</th><th scope="col" class="nombre">{{t:col.out_of}}</th><th scope="col">{{t:col.share}}</th></tr></thead>
<tbody>
{{#blocks}}<tr><th scope="row">{{name}}</th><td class="nombre">{{points}}</td><td class="nombre">{{max}}</td><td><span class="jauge" aria-hidden="true"><span class="jauge-{{width}}"></span></span> {{share}}{{#note}} · {{note}}{{/note}}</td></tr>
{{/blocks}}</tbody>
</table>
<p>{{occupation_reason}}</p>
<div class="competences">
<div><h3>{{t:offers.held}}</h3>{{?held}}<ul>{{#held}}<li>✓ {{text}}</li>{{/held}}</ul>{{/held}}{{^held}}<p>{{t:offers.no_skill}}</p>{{/held}}</div>
<div><h3>{{t:offers.partial}}</h3>{{?partial}}<ul>{{#partial}}<li>≈ {{text}}</li>{{/partial}}</ul>{{/partial}}{{^partial}}<p>{{t:offers.no_skill}}</p>{{/partial}}</div>
<div><h3>{{t:offers.missing}}</h3>{{?missing}}<ul>{{#missing}}<li>✗ {{text}}</li>{{/missing}}</ul>{{/missing}}{{^missing}}<p>{{t:offers.no_skill}}</p>{{/missing}}</div>
</div>
)"},

{"decision_recorded", R"(<p class="{{class}}" role="status" tabindex="-1">{{message}}</p>
)"},

{"sheet", R"(<p class="actions ecran"><button type="button" class="imprimer">{{t:sheet.print}}</button> <a href="{{profile_href}}">{{t:offers.back}}</a></p>
<p>{{intro}}</p>
{{?offers}}
<table class="fiche-offres">
<caption>{{t:sheet.caption}}</caption>
<thead><tr><th scope="col">{{t:col.offer}}</th><th scope="col">{{t:col.title}}</th><th scope="col">{{t:col.employer}}</th><th scope="col">{{t:col.place}}</th><th scope="col">{{t:col.expires}}</th><th scope="col">{{t:col.decision}}</th></tr></thead>
<tbody>
{{#offers}}<tr><td>{{id}}</td><td>{{title}}</td><td>{{employer}}</td><td>{{place}}</td><td>{{expires}}</td><td>{{status}}</td></tr>
{{/offers}}</tbody>
</table>
{{/offers}}
{{^offers}}<p>{{t:sheet.none}}</p>{{/offers}}
<p class="signature">{{t:sheet.footer}}</p>
)"},


// ------------------------------------------------------------ Import
{"import_form", R"({{#errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs"><p>{{t:import.errors}}</p></div>{{/errors}}
<p>{{t:import.intro}}</p>
<form method="post" action="/import" enctype="multipart/form-data" class="import carte" data-max="{{max_bytes}}" data-trop-gros="{{too_big}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="champ"><label for="i-fichier">{{t:import.file}}</label>
<input id="i-fichier" name="fichier" type="file" required accept=".csv,.json,.jsonl,.txt" aria-describedby="i-fichier-aide{{#file_error}} i-fichier-err{{/file_error}}"{{#file_error}} aria-invalid="true"{{/file_error}}>
<span id="i-fichier-aide" class="aide">{{max}}</span>
{{#file_error}}<span id="i-fichier-err" class="erreur-champ">{{file_error}}</span>{{/file_error}}</p>
<p class="champ"><label for="i-source">{{t:import.source}}</label>
<input id="i-source" name="source" type="text" required maxlength="40" value="{{source}}" aria-describedby="i-source-aide{{#source_error}} i-source-err{{/source_error}}"{{#source_error}} aria-invalid="true"{{/source_error}}>
<span id="i-source-aide" class="aide">{{t:import.source.help}}</span>
{{#source_error}}<span id="i-source-err" class="erreur-champ">{{source_error}}</span>{{/source_error}}</p>
<p class="champ"><label for="i-correspondance">{{t:import.mapping}}</label>
<input id="i-correspondance" name="correspondance" type="file" accept=".json" aria-describedby="i-correspondance-aide{{#mapping_error}} i-correspondance-err{{/mapping_error}}"{{#mapping_error}} aria-invalid="true"{{/mapping_error}}>
<span id="i-correspondance-aide" class="aide">{{t:import.mapping.help}}</span>
{{#mapping_error}}<span id="i-correspondance-err" class="erreur-champ">{{mapping_error}}</span>{{/mapping_error}}</p>
<p class="case"><input id="i-essai" name="essai" type="checkbox" value="1"{{#dry_run}} checked{{/dry_run}}> <label for="i-essai">{{t:import.dry_run}}</label></p>
<p><button type="submit" class="principal">{{t:import.submit}}</button></p>
</form>
<section aria-labelledby="h-imports" class="carte">
<h2 id="h-imports">{{t:import.history}}</h2>
{{#runs_error}}<p class="erreur">{{runs_error}}</p>{{/runs_error}}
{{?runs}}<div class="defile" tabindex="0" role="region" aria-labelledby="h-imports"><table>
<caption>{{t:import.history.caption}}</caption>
<thead><tr><th scope="col">{{t:import.col.started}}</th><th scope="col">{{t:import.col.file}}</th><th scope="col">{{t:import.col.source}}</th><th scope="col">{{t:import.col.state}}</th><th scope="col" class="nombre">{{t:import.col.rows}}</th><th scope="col" class="nombre">{{t:import.col.inserted}}</th><th scope="col" class="nombre">{{t:import.col.updated}}</th><th scope="col" class="nombre">{{t:import.col.unchanged}}</th><th scope="col" class="nombre">{{t:import.col.duplicates}}</th><th scope="col" class="nombre">{{t:import.col.rejected}}</th><th scope="col" class="nombre">{{t:import.col.to_review}}</th></tr></thead>
<tbody>
{{#runs}}<tr><td>{{started}}</td><th scope="row">{{file}}</th><td>{{source}}</td><td>{{#interrupted}}<strong>{{/interrupted}}{{state}}{{#interrupted}}</strong>{{/interrupted}}{{#href}} <a href="{{href}}">{{link}}</a>{{/href}}</td><td class="nombre">{{rows}}</td><td class="nombre">{{inserted}}</td><td class="nombre">{{updated}}</td><td class="nombre">{{unchanged}}</td><td class="nombre">{{duplicates}}</td><td class="nombre">{{rejected}}</td><td class="nombre">{{to_review}}</td></tr>
{{/runs}}</tbody>
</table></div>
<p class="aide">{{t:import.history.help}}</p>{{/runs}}
{{^runs}}{{^runs_error}}<p>{{t:import.history.none}}</p>{{/runs_error}}{{/runs}}
</section>
)"},

{"import_result", R"(<p class="avis{{#failed}} erreur{{/failed}}" role="status" tabindex="-1">{{outcome}}</p>
<h2 id="h-bilan">{{t:import.summary}}</h2>
<p>{{sentence}}</p>
<table>
<caption>{{t:import.summary.caption}}</caption>
<thead><tr><th scope="col">{{t:import.col.outcome}}</th><th scope="col" class="nombre">{{t:import.col.count}}</th></tr></thead>
<tbody>
<tr><th scope="row">{{t:import.rows}}</th><td class="nombre">{{rows}}</td></tr>
<tr><th scope="row">{{t:import.inserted}}</th><td class="nombre">{{inserted}}</td></tr>
<tr><th scope="row">{{t:import.updated}}</th><td class="nombre">{{updated}}</td></tr>
<tr><th scope="row">{{t:import.unchanged}}</th><td class="nombre">{{unchanged}}</td></tr>
<tr><th scope="row">{{t:import.duplicates}}</th><td class="nombre">{{duplicates}}</td></tr>
<tr><th scope="row">{{t:import.rejected}}</th><td class="nombre">{{rejected}}</td></tr>
<tr><th scope="row">{{t:import.warned}}</th><td class="nombre">{{warned}}</td></tr>
<tr><th scope="row">{{t:import.to_review}}</th><td class="nombre">{{to_review_count}}</td></tr>
</tbody>
</table>
{{?problems}}<h3 id="h-problemes">{{t:import.problems}}</h3>
<div class="defile" tabindex="0" role="region" aria-labelledby="h-problemes"><table>
<caption>{{problems_caption}}</caption>
<thead><tr><th scope="col" class="nombre">{{t:import.col.line}}</th><th scope="col">{{t:import.col.kind}}</th><th scope="col">{{t:import.col.column}}</th><th scope="col">{{t:import.col.value}}</th><th scope="col">{{t:import.col.problem}}</th></tr></thead>
<tbody>
{{#problems}}<tr><th scope="row" class="nombre">{{line}}</th><td>{{kind}}</td><td>{{field}}</td><td>{{value}}</td><td>{{text}}</td></tr>
{{/problems}}</tbody>
</table></div>{{/problems}}
<p class="actions">{{#report}}<a class="bouton" href="{{report_href}}" download>{{t:import.report}}</a> {{/report}}{{#review}}<a class="bouton" href="/verifier">{{t:import.go_review}}</a> {{/review}}<a class="bouton" href="/import">{{t:import.again}}</a></p>
)"},

// ------------------------------------------------------------ Projet de mobilité
{"mobility", R"(<p class="actions"><a href="{{profile_href}}">{{t:offers.back}}</a></p>
<section aria-labelledby="h-mob-projet" class="carte">
<h2 id="h-mob-projet">{{t:mob.form}}</h2>
<form method="post" action="{{action}}" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
{{#error}}<p class="erreur" role="alert" tabindex="-1" id="erreurs">{{error}}</p>{{/error}}
<p class="champ"><label for="m-pays">{{t:mob.country}}</label>
<select id="m-pays" name="pays">
{{#countries}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}} ({{code}})</option>
{{/countries}}</select></p>
<div class="recherche-metier">
<label for="f-metier-q">{{t:form.occupation.search}}</label>
<input id="f-metier-q" name="metier_q" type="search" autocomplete="off" aria-describedby="f-metier-q-aide" aria-controls="f-metier-propositions"
 hx-post="/metiers/recherche" hx-trigger="input changed delay:300ms, search" hx-target="#f-metier-propositions" hx-include="this">
<span id="f-metier-q-aide" class="aide">{{t:form.occupation.help}}</span>
<div id="f-metier-propositions" aria-live="polite"></div>
</div>
<p class="champ"><label for="m-metier">{{t:mob.occupation}}</label>
<input id="m-metier" name="metier" type="text" value="{{occupation}}" class="code-metier" aria-describedby="m-metier-aide">
<span id="m-metier-aide" class="aide">{{t:mob.occupation.help}}{{#targets}} {{label}} ({{code}}).{{/targets}}</span></p>
<p><button type="submit" class="principal">{{t:mob.assess}}</button></p>
</form>
</section>
{{#assessed}}
<div class="actions"><form method="post" action="{{sheet_action}}" class="en-ligne">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="pays" value="{{country}}">
<input type="hidden" name="metier" value="{{occupation}}">
<button type="submit" class="imprimer-fiche">{{t:mob.sheet}}</button>
</form></div>
{{result}}
<section aria-labelledby="h-mob-decision" class="carte decision">
<h2 id="h-mob-decision">{{t:mob.decision}}</h2>
<form method="post" action="{{decide_action}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="pays" value="{{country}}">
<input type="hidden" name="metier" value="{{occupation}}">
<fieldset class="groupe">
<legend>{{t:mob.choice}}</legend>
{{#choices}}<p class="case"><input type="radio" id="{{field}}" name="choix" value="{{value}}"> <label for="{{field}}">{{label}}</label></p>
{{/choices}}</fieldset>
<p class="champ"><label for="m-detail">{{t:mob.detail}}</label>
<textarea id="m-detail" name="detail" maxlength="500" aria-describedby="m-detail-aide"></textarea>
<span id="m-detail-aide" class="aide">{{t:mob.detail.help}}</span></p>
<p><button type="submit" class="principal">{{t:mob.decide}}</button></p>
</form>
</section>
{{/assessed}}
<section aria-labelledby="h-mob-passe" class="carte">
<h2 id="h-mob-passe">{{t:mob.past}}</h2>
{{?decisions}}<table>
<caption>{{t:mob.past.caption}}</caption>
<thead><tr><th scope="col">{{t:mob.col.number}}</th><th scope="col">{{t:mob.col.date}}</th><th scope="col">{{t:mob.col.destination}}</th><th scope="col">{{t:mob.col.occupation}}</th><th scope="col">{{t:mob.col.choice}}</th><th scope="col">{{t:mob.col.3m}}</th><th scope="col">{{t:mob.col.6m}}</th><th scope="col">{{t:mob.col.counsellor}}</th><th scope="col">{{t:mob.col.follow}}</th></tr></thead>
<tbody>
{{#decisions}}<tr><td class="nombre">{{number}}</td><td>{{date}}</td><td>{{destination}}</td><td>{{occupation}}</td><td>{{choice}}{{#detail}}<br><span class="aide">{{detail}}</span>{{/detail}}</td><td>{{outcome_3m}}</td><td>{{outcome_6m}}</td><td>{{counsellor}}</td>
<td><form method="post" action="{{follow_action}}" class="suivi">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="decision" value="{{number}}">
<fieldset><legend>{{legend}}</legend>
<label for="{{field}}-mois">{{t:mob.follow.months}}</label>
<select id="{{field}}-mois" name="mois"><option value="3">{{t:mob.follow.3}}</option><option value="6">{{t:mob.follow.6}}</option></select>
<label for="{{field}}-resultat">{{t:mob.follow.outcome}}</label>
<select id="{{field}}-resultat" name="resultat">{{#outcomes}}<option value="{{value}}">{{label}}</option>{{/outcomes}}</select>
<button type="submit">{{t:mob.follow.save}}</button>
</fieldset>
</form></td></tr>
{{/decisions}}</tbody>
</table>{{/decisions}}
{{^decisions}}<p>{{t:mob.past.none}}</p>{{/decisions}}
</section>
)"},

{"mobility_result", R"(<section aria-labelledby="h-mob-carte" class="carte">
<h2 id="h-mob-carte">{{card_title}}</h2>
<p class="meta">{{card_context}}</p>
{{#listed}}<p class="avis">{{t:mob.listed}}</p>{{/listed}}
<h3>{{t:mob.rules}}</h3>
{{?rules}}<table>
<caption>{{t:mob.rules.caption}}</caption>
<thead><tr><th scope="col">{{t:mob.col.label}}</th><th scope="col">{{t:mob.col.route}}</th><th scope="col">{{t:mob.col.match}}</th><th scope="col">{{t:mob.col.signed}}</th><th scope="col">{{t:mob.col.source}}</th></tr></thead>
<tbody>
{{#rules}}<tr><td>{{label}}{{#conditions}}<br><span class="aide">{{conditions}}</span>{{/conditions}}</td><td>{{route}}<br><span class="aide">{{instrument}}</span></td><td>{{match}}</td><td>{{signed_on}}</td><td>{{source}}<br><span class="code">{{source_url}}</span></td></tr>
{{/rules}}</tbody>
</table>{{/rules}}
{{^rules}}<p class="erreur">{{t:mob.no_route}}</p>{{/rules}}
{{?gaps}}<p>{{t:mob.gaps}}</p><ul>{{#gaps}}<li>{{what}}</li>{{/gaps}}</ul>{{/gaps}}
<h3>{{t:mob.demand.title}}</h3>
<p>{{demand}}</p>
{{?offer_ids}}<ul class="pastilles">{{#offer_ids}}<li class="code">{{id}}</li>{{/offer_ids}}</ul>{{/offer_ids}}
<h3>{{t:mob.distance}}</h3>
<dl>
<dt>{{t:mob.skills}}</dt><dd>{{skills_held}}{{#far}} {{t:mob.far}}{{/far}}</dd>
{{?missing}}<dt>{{t:mob.skills.missing}}</dt>{{#missing}}<dd>{{label}} <span class="code">({{id}})</span></dd>{{/missing}}{{/missing}}
<dt>{{t:mob.language}}</dt><dd>{{language}}{{#language_note}}<br><span class="aide">{{language_note}}</span>{{/language_note}}</dd>
<dt>{{t:mob.diploma.title}}</dt><dd>{{diploma}}</dd>
</dl>
</section>
<section aria-labelledby="h-mob-alternatives" class="carte">
<h2 id="h-mob-alternatives">{{t:mob.alternatives}}</h2>
<p>{{national_count}}</p>
{{?national}}<ol class="liste alternatives">
{{#national}}<li><h3>{{kind}} — {{what}}</h3>
{{#offer_href}}<p><a href="{{offer_href}}">{{t:mob.alt.open_offer}}</a></p>{{/offer_href}}
{{#figures}}<p class="meta">{{figures}}</p>{{/figures}}
{{?reasons}}<ul>{{#reasons}}<li>{{text}}</li>{{/reasons}}</ul>{{/reasons}}
{{?skills}}<p>{{skills_caption}}</p><ul class="pastilles">{{#skills}}<li>{{label}}</li>{{/skills}}</ul>{{/skills}}
{{?trainings}}<p>{{t:mob.alt.trainings}}</p><ul>{{#trainings}}<li>{{line}}</li>{{/trainings}}</ul>{{/trainings}}
</li>
{{/national}}</ol>{{/national}}
{{#elsewhere}}<p class="consigne">{{elsewhere}}</p>{{/elsewhere}}
<h3>{{t:mob.trainings}}</h3>
{{?training_list}}<ul>
{{#training_list}}<li>{{what}}{{?skills}}<br><span class="aide">{{skills_caption}}</span><ul class="pastilles">{{#skills}}<li>{{label}}</li>{{/skills}}</ul>{{/skills}}</li>
{{/training_list}}</ul>{{/training_list}}
{{^training_list}}<p>{{t:mob.trainings.none}}</p>{{/training_list}}
</section>
)"},

{"mobility_sheet", R"(<p class="actions ecran"><button type="button" class="imprimer">{{t:sheet.print}}</button> <a href="{{back_href}}">{{t:mob.sheet.back}}</a></p>
<p>{{intro}}</p>
{{result}}
<p class="signature">{{t:mob.sheet.footer}}</p>
)"},

// page_stats.cc: Statistiques (statisticians).
{"stats", R"(<section aria-labelledby="h-periode" class="carte">
<h2 id="h-periode">{{t:stats.form}}</h2>
{{#error}}<p class="erreur" role="alert">{{error}}</p>{{/error}}
<form method="get" action="/statistiques">
<p class="champ"><label for="de">{{t:stats.from}}</label> <input type="month" id="de" name="de" value="{{from}}" placeholder="2025-01" aria-describedby="de-aide"> <span id="de-aide" class="aide">{{data_range}}</span></p>
<p class="champ"><label for="a">{{t:stats.to}}</label> <input type="month" id="a" name="a" value="{{to}}" placeholder="2025-12"></p>
<p><button type="submit">{{t:stats.show}}</button></p>
</form>
{{#window}}<p>{{window}}</p>{{/window}}
{{#sources}}<p>{{sources}}</p>{{/sources}}
{{?notes}}<ul>{{#notes}}<li>{{text}}</li>{{/notes}}</ul>{{/notes}}
{{#dashboard_href}}<p class="aide">{{legend}}</p>
<nav aria-label="{{t:stats.nav}}"><ul class="liens"><li><a href="#stats-tension">{{t:stats.tension}}</a></li><li><a href="#stats-durations">{{t:stats.durations}}</a></li><li><a href="#stats-skills">{{t:stats.skills}}</a></li></ul></nav>
<p class="actions"><a class="bouton" href="{{dashboard_href}}">{{t:stats.dashboard}}</a> <a class="bouton" href="{{cube_href}}" download>{{t:stats.cube_csv}}</a></p>{{/dashboard_href}}
</section>
{{#sections}}<section aria-labelledby="h-{{id}}" class="carte" id="{{id}}">
<h2 id="h-{{id}}">{{heading}}</h2>
<p>{{intro}}</p>
{{#unavailable}}<p class="avis">{{unavailable}}</p>{{/unavailable}}
{{table}}
{{#more}}<p class="aide">{{more}}</p>{{/more}}
<p class="actions"><a class="bouton" href="{{csv_href}}" download>{{csv_label}}</a></p>
</section>
{{/sections}}
)"},

{"stats_table", R"(<div class="defile" tabindex="0" role="region" aria-label="{{caption}}"><table>
<caption>{{caption}}</caption>
<thead><tr>{{#headers}}<th scope="col" class="{{class}}">{{label}}</th>{{/headers}}</tr></thead>
<tbody>
{{#rows}}<tr>{{#cells}}{{#head}}<th scope="row">{{value}}</th>{{/head}}{{^head}}<td class="{{class}}">{{value}}{{#flag}}<sup>{{flag}}</sup>{{/flag}}</td>{{/head}}{{/cells}}</tr>
{{/rows}}</tbody>
</table></div>
)"},

{"stats_empty", R"(<section class="carte">
<p>{{message}}</p>
</section>
)"},

// ------------------------------------------------------------ Liste des demandeurs
{"jobseeker_list", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{t:list.errors}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
<section aria-labelledby="h-filtres" class="carte">
<h2 id="h-filtres">{{t:list.filters}}</h2>
<p class="aide">{{t:list.intro}}</p>
<form id="l-criteres" method="post" action="/demandeurs/liste#h-resultats" class="dossier" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="champ"><label for="l-metier">{{t:list.occupation}}</label>
<input id="l-metier" name="metier" type="text" value="{{metier}}" autocomplete="off" aria-describedby="l-metier-aide{{#metier_error}} l-metier-err{{/metier_error}}"{{#metier_error}} aria-invalid="true"{{/metier_error}}>
<span id="l-metier-aide" class="aide">{{t:list.occupation.help}}</span>
{{#metier_error}}<span id="l-metier-err" class="erreur-champ">{{metier_error}}</span>{{/metier_error}}</p>
<p class="champ"><label for="l-region">{{t:list.region}}</label>
<select id="l-region" name="region"{{#region_error}} aria-invalid="true" aria-describedby="l-region-err"{{/region_error}}>
<option value="">{{t:list.region.all}}</option>
{{#regions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>
{{/regions}}</select>
{{#region_error}}<span id="l-region-err" class="erreur-champ">{{region_error}}</span>{{/region_error}}</p>
<fieldset>
<legend>{{t:list.registered}}</legend>
<p class="champ"><label for="l-du">{{t:list.from}}</label>
<input id="l-du" name="inscrit_du" type="text" inputmode="numeric" autocomplete="off" value="{{du}}" aria-describedby="l-date-aide{{#du_error}} l-du-err{{/du_error}}"{{#du_error}} aria-invalid="true"{{/du_error}}>
{{#du_error}}<span id="l-du-err" class="erreur-champ">{{du_error}}</span>{{/du_error}}</p>
<p class="champ"><label for="l-au">{{t:list.to}}</label>
<input id="l-au" name="inscrit_au" type="text" inputmode="numeric" autocomplete="off" value="{{au}}" aria-describedby="l-date-aide{{#au_error}} l-au-err{{/au_error}}"{{#au_error}} aria-invalid="true"{{/au_error}}>
{{#au_error}}<span id="l-au-err" class="erreur-champ">{{au_error}}</span>{{/au_error}}</p>
<p id="l-date-aide" class="aide">{{t:list.date.help}}</p>
</fieldset>
<fieldset id="l-proposition"{{#proposition_error}} aria-describedby="l-proposition-err"{{/proposition_error}}>
<legend>{{t:list.proposal}}</legend>
<ul class="cases">{{#proposals}}<li><input id="{{id}}" type="radio" name="proposition" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="{{id}}">{{label}}</label></li>{{/proposals}}</ul>
{{#proposition_error}}<span id="l-proposition-err" class="erreur-champ">{{proposition_error}}</span>{{/proposition_error}}
</fieldset>
<p class="actions"><button type="submit">{{t:list.show}}</button>
<button type="submit" formaction="/demandeurs/liste/export" name="format" value="csv">{{t:export.csv}}</button>
<button type="submit" formaction="/demandeurs/liste/export" name="format" value="xlsx">{{t:export.xlsx}}</button></p>
<p class="aide">{{t:list.export.help}}</p>
</form>
</section>
{{#shown}}<section aria-labelledby="h-resultats" class="carte">
<h2 id="h-resultats" tabindex="-1">{{t:list.results}}</h2>
<p role="status">{{summary}}</p>
{{?rows}}<div class="defile" tabindex="0" role="region" aria-labelledby="l-caption"><table>
<caption id="l-caption">{{t:list.caption}}</caption>
<thead><tr>{{#headers}}<th scope="col">{{label}}</th>{{/headers}}</tr></thead>
<tbody>
{{#rows}}<tr><th scope="row"><a href="{{href}}">{{id}}</a></th>{{#cells}}<td>{{value}}</td>{{/cells}}</tr>
{{/rows}}</tbody>
</table></div>{{/rows}}
{{#more}}<nav aria-label="{{t:list.pages}}" class="pages"><p>{{more}}</p>
<p class="actions">{{#previous}}<button type="submit" form="l-criteres" name="page" value="{{previous}}">{{t:list.previous}}</button>{{/previous}}
{{#next}}<button type="submit" form="l-criteres" name="page" value="{{next}}">{{t:list.next}}</button>{{/next}}</p>
<p class="aide">{{t:list.pages.help}}</p></nav>{{/more}}
</section>{{/shown}}
)"},


// page_reorientation.cc: Réorientation (close occupations, skills to acquire).
{"reorientation", R"({{^print}}<p class="actions">
<a class="bouton" href="{{profile_href}}">{{t:offers.back}}</a>
<a class="bouton" href="{{offers_href}}">{{t:js.offers}}</a>
<a class="bouton" href="{{sheet_href}}">{{t:reo.print}}</a>
</p>{{/print}}
{{#print}}<p class="actions ecran"><button type="button" class="imprimer">{{t:sheet.print}}</button> <a href="{{back_href}}">{{t:reo.sheet.back}}</a></p>
<p>{{intro}}</p>{{/print}}
{{#error}}<p class="erreur" role="alert" tabindex="-1" id="erreurs">{{error}}</p>{{/error}}
<section aria-labelledby="h-reo" class="carte">
<h2 id="h-reo">{{t:reo.heading}}</h2>
<p>{{origins}}</p>
<p class="aide">{{t:reo.help}}</p>
{{#no_occupation}}<p class="avis">{{t:reo.no_occupation}}</p>{{/no_occupation}}
{{#count}}<p>{{count}}</p>{{/count}}
</section>
{{?cards}}<ol class="offres metiers-proches">
{{#cards}}<li class="carte" id="{{anchor}}">
<h2><span class="rang">{{rank_text}}</span> {{label}} <span class="code">({{code}})</span></h2>
<p class="meta">{{t:reo.sources}} {{sources}}</p>
<p class="score"><span class="jauge" aria-hidden="true"><span class="jauge-{{width}}"></span></span> <strong>{{coverage}}</strong> · {{coverage_detail}}</p>
<p>{{offers}}</p>
<div class="competences">
<div><h3>{{t:reo.held}}</h3>
{{?held}}<ul>{{#held}}<li>✓ {{text}}</li>{{/held}}</ul>{{/held}}{{^held}}<p>{{t:reo.list.none}}</p>{{/held}}
{{?partial}}<h3>{{t:reo.partial}}</h3><ul>{{#partial}}<li>◐ {{text}}</li>{{/partial}}</ul>{{/partial}}</div>
<div><h3>{{t:reo.to_acquire}}</h3>
{{?missing}}<ol>{{#missing}}<li>{{text}}</li>{{/missing}}</ol>{{/missing}}{{^missing}}<p>{{t:reo.complete}}</p>{{/missing}}</div>
</div>
{{^complete}}<h3>{{t:reo.trainings}}</h3>
{{?trainings}}<ul>{{#trainings}}<li>{{line}}<br><span class="aide">{{covers}}</span></li>{{/trainings}}</ul>{{/trainings}}
{{^trainings}}<p>{{t:reo.trainings.none}}</p>{{/trainings}}{{/complete}}
{{^print}}{{#can_add}}<form method="post" action="{{add_action}}" class="decision en-ligne">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="metier" value="{{code}}">
<button type="submit" aria-label="{{add_label}}">{{t:reo.add}}</button>
</form>{{/can_add}}{{/print}}
</li>
{{/cards}}</ol>{{/cards}}
{{#print}}<p class="signature">{{t:reo.sheet.footer}}</p>{{/print}}
)"},
// ------------------------------------------------------------ Fiche offre: register and edit (page_offerform.cc)
{"offer_form", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{errors_title}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
<form method="post" action="{{action}}" class="dossier" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
{{^new}}<p>{{t:offerform.id}} <strong>{{id}}</strong></p>{{/new}}
{{#new}}<p class="aide">{{t:offerform.id.help}}</p>{{/new}}
<fieldset>
<legend>{{t:offerform.job}}</legend>
<p class="champ"><label for="f-titre">{{t:offerform.title}}</label>
<input id="f-titre" name="titre" type="text" required autocomplete="off" value="{{title}}" aria-describedby="f-titre-aide{{#title_error}} f-titre-err{{/title_error}}"{{#title_error}} aria-invalid="true"{{/title_error}}
 aria-controls="f-metier-choix" hx-post="/offres/metier" hx-trigger="input changed delay:400ms" hx-target="#f-metier-choix" hx-swap="innerHTML">
<span id="f-titre-aide" class="aide">{{t:offerform.title.help}}</span>
{{#title_error}}<span id="f-titre-err" class="erreur-champ">{{title_error}}</span>{{/title_error}}</p>
<fieldset class="groupe" id="f-metier" tabindex="-1">
<legend>{{t:offerform.occupation}}</legend>
<p id="f-metier-aide" class="aide">{{t:offerform.occupation.help}}</p>
{{#occupation_error}}<p id="f-metier-err" class="erreur-champ">{{occupation_error}}</p>{{/occupation_error}}
<div id="f-metier-choix" aria-live="polite">{{occupations}}</div>
</fieldset>
<p class="champ"><label for="f-employeur">{{t:offerform.employer}}</label>
<input id="f-employeur" name="employeur" type="text" value="{{employer}}"{{#employer_error}} aria-invalid="true" aria-describedby="f-employeur-err"{{/employer_error}}>
{{#employer_error}}<span id="f-employeur-err" class="erreur-champ">{{employer_error}}</span>{{/employer_error}}</p>
</fieldset>

<fieldset id="f-competences-bloc">
<legend>{{t:offerform.skills}}</legend>
<p id="f-competences-aide" class="aide">{{t:offerform.skills.help}}</p>
{{#skills_error}}<p id="f-competences-err" class="erreur-champ">{{skills_error}}</p>{{/skills_error}}
<div id="f-competences" tabindex="-1" aria-live="polite">{{skills}}</div>
<div class="recherche-metier">
<label for="f-competence-q">{{t:offerform.skills.search}}</label>
<input id="f-competence-q" name="competence_q" type="search" autocomplete="off" aria-describedby="f-competence-q-aide" aria-controls="f-competence-propositions"
 hx-post="/offres/competences/recherche" hx-trigger="input changed delay:400ms, search" hx-target="#f-competence-propositions" hx-swap="innerHTML">
<span id="f-competence-q-aide" class="aide">{{t:offerform.skills.search.help}}</span>
<div id="f-competence-propositions" aria-live="polite"></div>
</div>
</fieldset>

<fieldset>
<legend>{{t:offerform.place}}</legend>
<p class="champ"><label for="f-pays">{{t:form.country}}</label>
<select id="f-pays" name="pays"{{#country_error}} aria-invalid="true" aria-describedby="f-pays-err"{{/country_error}}>{{#countries}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/countries}}</select>
{{#country_error}}<span id="f-pays-err" class="erreur-champ">{{country_error}}</span>{{/country_error}}</p>
<datalist id="regions-liste">{{#regions}}<option value="{{value}}">{{label}}</option>{{/regions}}</datalist>
<datalist id="villes-liste">{{#cities}}<option value="{{value}}">{{label}}</option>{{/cities}}</datalist>
<p class="champ"><label for="f-region">{{t:form.region}}</label>
<input id="f-region" name="region" type="text" list="regions-liste" value="{{region}}" aria-describedby="f-region-aide{{#region_error}} f-region-err{{/region_error}}"{{#region_error}} aria-invalid="true"{{/region_error}}>
<span id="f-region-aide" class="aide">{{t:offerform.region.help}}</span>
{{#region_error}}<span id="f-region-err" class="erreur-champ">{{region_error}}</span>{{/region_error}}</p>
<p class="champ"><label for="f-ville">{{t:form.city}}</label>
<input id="f-ville" name="ville" type="text" list="villes-liste" value="{{city}}" aria-describedby="f-ville-aide{{#city_error}} f-ville-err{{/city_error}}"{{#city_error}} aria-invalid="true"{{/city_error}}>
<span id="f-ville-aide" class="aide">{{t:offerform.city.help}}</span>
{{#city_error}}<span id="f-ville-err" class="erreur-champ">{{city_error}}</span>{{/city_error}}</p>
</fieldset>

<fieldset>
<legend>{{t:offerform.conditions}}</legend>
<p class="champ"><label for="f-contrat">{{t:offerform.contract}}</label>
<select id="f-contrat" name="contrat"{{#contract_error}} aria-invalid="true" aria-describedby="f-contrat-err"{{/contract_error}}>{{#contracts}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/contracts}}</select>
{{#contract_error}}<span id="f-contrat-err" class="erreur-champ">{{contract_error}}</span>{{/contract_error}}</p>
<p class="champ"><label for="f-postes">{{t:offerform.positions}}</label>
<input id="f-postes" name="postes" type="text" inputmode="numeric" value="{{positions}}" aria-describedby="f-postes-aide{{#positions_error}} f-postes-err{{/positions_error}}"{{#positions_error}} aria-invalid="true"{{/positions_error}}>
<span id="f-postes-aide" class="aide">{{t:offerform.positions.help}}</span>
{{#positions_error}}<span id="f-postes-err" class="erreur-champ">{{positions_error}}</span>{{/positions_error}}</p>
<p class="champ"><label for="f-expire">{{t:offerform.expires}}</label>
<input id="f-expire" name="expire" type="text" value="{{expires}}" aria-describedby="f-expire-aide{{#expires_error}} f-expire-err{{/expires_error}}"{{#expires_error}} aria-invalid="true"{{/expires_error}}>
<span id="f-expire-aide" class="aide">{{t:form.available.help}}</span>
{{#expires_error}}<span id="f-expire-err" class="erreur-champ">{{expires_error}}</span>{{/expires_error}}</p>
</fieldset>

<fieldset>
<legend>{{t:offerform.profile}}</legend>
<p class="champ"><label for="f-niveau">{{t:offer.education}}</label>
<select id="f-niveau" name="niveau_etudes"{{#education_error}} aria-invalid="true" aria-describedby="f-niveau-err"{{/education_error}}>{{#education}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/education}}</select>
{{#education_error}}<span id="f-niveau-err" class="erreur-champ">{{education_error}}</span>{{/education_error}}</p>
<p class="champ"><label for="f-experience">{{t:offerform.experience}}</label>
<input id="f-experience" name="experience" type="text" inputmode="decimal" value="{{experience}}" aria-describedby="f-experience-aide{{#experience_error}} f-experience-err{{/experience_error}}"{{#experience_error}} aria-invalid="true"{{/experience_error}}>
<span id="f-experience-aide" class="aide">{{t:form.experience.help}}</span>
{{#experience_error}}<span id="f-experience-err" class="erreur-champ">{{experience_error}}</span>{{/experience_error}}</p>
<p class="aide" id="f-langues-aide">{{t:offerform.languages.help}}</p>
{{#languages}}<div class="ligne">
<p class="champ"><label for="{{field}}-code">{{label}}</label>
<input id="{{field}}-code" name="langue_code" type="text" value="{{code}}" aria-describedby="f-langues-aide{{#error}} {{field}}-err{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
{{#error}}<span id="{{field}}-err" class="erreur-champ">{{error}}</span>{{/error}}</p>
<p class="champ"><label for="{{field}}-niveau">{{t:offerform.cefr}}</label>
<select id="{{field}}-niveau" name="langue_niveau">{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/levels}}</select></p>
</div>{{/languages}}
<fieldset class="groupe" id="f-permis" tabindex="-1"><legend>{{t:offerform.licences}}</legend>
{{#licences_error}}<p id="f-permis-err" class="erreur-champ">{{licences_error}}</p>{{/licences_error}}
<ul class="cases">{{#licences}}<li><input id="f-permis-{{code}}" name="permis" type="checkbox" value="{{code}}"{{#checked}} checked{{/checked}}> <label for="f-permis-{{code}}">{{label}}</label></li>{{/licences}}</ul>
</fieldset>
</fieldset>

<fieldset>
<legend>{{t:offerform.description}}</legend>
<p class="champ"><label for="f-description">{{t:offerform.description.label}}</label>
<textarea id="f-description" name="description" rows="6"{{#description_error}} aria-invalid="true" aria-describedby="f-description-err"{{/description_error}}>{{description}}</textarea>
{{#description_error}}<span id="f-description-err" class="erreur-champ">{{description_error}}</span>{{/description_error}}</p>
</fieldset>
<p class="actions"><button type="submit" class="principal">{{t:offerform.save}}</button> <a href="{{cancel_href}}">{{t:form.cancel}}</a></p>
</form>
)"},

{"offer_occupation_choices", R"({{?items}}<ul class="cases">
{{#items}}<li><input id="f-metier-{{code}}" type="radio" name="metier" value="{{code}}"{{#checked}} checked{{/checked}} aria-describedby="f-metier-aide{{#error}} f-metier-err{{/error}}"
 hx-post="/offres/competences" hx-trigger="change" hx-target="#f-competences" hx-swap="innerHTML"> <label for="f-metier-{{code}}">{{label}} <span class="code">({{code}})</span> · {{confidence}}</label></li>
{{/items}}</ul>{{/items}}
{{^items}}{{#asked}}<p>{{t:form.occupation.nothing}}</p>{{/asked}}{{^asked}}<p>{{t:offerform.occupation.type}}</p>{{/asked}}{{/items}}
)"},

{"offer_skill_checklist", R"({{?skills}}<table>
<caption>{{caption}}</caption>
<thead><tr><th scope="col">{{t:offerform.skills.col.skill}}</th><th scope="col">{{t:offerform.skills.col.origin}}</th><th scope="col">{{t:offerform.skills.col.requirement}}</th></tr></thead>
<tbody>
{{#skills}}<tr><th scope="row"><input id="f-comp-{{id}}" name="competence" type="checkbox" value="{{id}}"{{#checked}} checked{{/checked}}> <label for="f-comp-{{id}}">{{label}}</label></th><td>{{origin}}</td>
<td><select id="f-exig-{{id}}" name="exigence_{{id}}" aria-label="{{requirement_label}}"><option value="exigee"{{#essential}} selected{{/essential}}>{{t:offerform.skills.required}}</option><option value="souhaitee"{{^essential}} selected{{/essential}}>{{t:offerform.skills.wanted}}</option></select></td></tr>
{{/skills}}</tbody>
</table>{{/skills}}
{{^skills}}<p>{{t:offerform.skills.none}}</p>{{/skills}}
)"},

{"offer_skill_hits", R"({{?items}}<ul class="propositions" aria-label="{{t:offerform.skills.hits}}">
{{#items}}<li><button type="button" hx-post="{{add_href}}" hx-target="#f-competences" hx-swap="innerHTML">{{label}} <span class="code">({{id}})</span> · {{t:offerform.skills.add_short}}</button></li>
{{/items}}</ul>{{/items}}
{{^items}}{{#asked}}<p>{{t:offerform.skills.nothing}}</p>{{/asked}}{{/items}}
)"},


// ------------------------------------------------------------ Suivi (page_notes.cc)
// The follow-up part of the file, swapped whole by htmx after a note or a
// "fait"; the element to focus carries data-focus (skillmatch.js).
{"follow_up", R"(<section id="suivi" aria-labelledby="h-suivi" class="carte suivi">
<h2 id="h-suivi">{{t:notes.title}}</h2>
{{#notice}}<p class="avis" role="status">{{notice}}</p>{{/notice}}
<h3>{{t:notes.counsellor}}</h3>
<p>{{counsellor}}</p>
{{#can_assign}}<form method="post" action="{{assign_action}}" class="en-ligne" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="n-conseiller">{{t:notes.assign.label}}</label>
<select id="n-conseiller" name="conseiller"{{#assign_error}} aria-describedby="n-conseiller-err" aria-invalid="true"{{/assign_error}}>
<option value="">{{t:notes.assign.choose}}</option>
{{#counsellors}}<option value="{{login}}"{{#selected}} selected{{/selected}}>{{login}}</option>{{/counsellors}}
</select>
<button type="submit">{{t:notes.assign.submit}}</button>
{{#assign_error}}<span id="n-conseiller-err" class="erreur-champ">{{assign_error}}</span>{{/assign_error}}
</form>
{{#no_counsellor}}<p class="aide">{{no_counsellor}}</p>{{/no_counsellor}}{{/can_assign}}
<h3 id="h-notes">{{t:notes.list}}</h3>
{{?notes}}<ol class="notes" aria-labelledby="h-notes">
{{#notes}}<li id="note-{{id}}" class="note" tabindex="-1"{{#focus}} data-focus="1"{{/focus}}>
<p class="meta">{{written}}</p>
<p class="texte">{{text}}</p>
{{#action}}<p class="action{{#late}} retard{{/late}}"><strong>{{action}}</strong> · {{due}}{{#state}} · <em>{{state}}</em>{{/state}}</p>
{{#open}}<form method="post" action="{{done_action}}" hx-post="{{done_action}}" hx-target="#suivi-zone" hx-swap="innerHTML" class="en-ligne">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="note" value="{{id}}">
<button type="submit" aria-label="{{done_label}}">{{t:notes.done.submit}}</button>
</form>{{/open}}
{{#done}}<p class="fait">✓ {{done}}</p>{{/done}}{{/action}}
</li>
{{/notes}}</ol>{{/notes}}
{{^notes}}<p>{{t:notes.list.none}}</p>{{/notes}}
<h3 id="h-note-form">{{t:notes.form}}</h3>
{{#error}}<p class="erreur" role="alert" tabindex="-1" id="n-erreurs">{{error}}</p>{{/error}}
<form method="post" action="{{note_action}}" hx-post="{{note_action}}" hx-target="#suivi-zone" hx-swap="innerHTML" class="note-form" novalidate aria-labelledby="h-note-form">
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="champ"><label for="n-texte">{{t:notes.text}}</label>
<textarea id="n-texte" name="texte" rows="4" maxlength="2000" aria-describedby="n-texte-aide{{#text_error}} n-texte-err{{/text_error}}"{{#text_error}} aria-invalid="true"{{/text_error}}>{{text}}</textarea>
<span id="n-texte-aide" class="aide">{{t:notes.text.help}}</span>
{{#text_error}}<span id="n-texte-err" class="erreur-champ">{{text_error}}</span>{{/text_error}}</p>
<p class="champ"><label for="n-action">{{t:notes.next}}</label>
<input id="n-action" name="action" type="text" maxlength="200" value="{{next}}" aria-describedby="n-action-aide{{#action_error}} n-action-err{{/action_error}}"{{#action_error}} aria-invalid="true"{{/action_error}}>
<span id="n-action-aide" class="aide">{{t:notes.next.help}}</span>
{{#action_error}}<span id="n-action-err" class="erreur-champ">{{action_error}}</span>{{/action_error}}</p>
<p class="champ"><label for="n-echeance">{{t:notes.due.label}}</label>
<input id="n-echeance" name="echeance" type="text" inputmode="numeric" value="{{due}}" aria-describedby="n-echeance-aide{{#due_error}} n-echeance-err{{/due_error}}"{{#due_error}} aria-invalid="true"{{/due_error}}>
<span id="n-echeance-aide" class="aide">{{t:notes.due.help}}</span>
{{#due_error}}<span id="n-echeance-err" class="erreur-champ">{{due_error}}</span>{{/due_error}}</p>
<p><button type="submit" class="principal">{{t:notes.submit}}</button></p>
</form>
</section>
)"},

{"follow_up_page", R"(<p class="actions"><a href="{{profile_href}}">{{t:notes.back}}</a></p>
<div id="suivi-zone">{{section}}</div>
)"},

// The accueil's parts of the follow-up: the jobseekers a counsellor follows
// (or the agency's with their counsellor, for a supervisor), those nobody
// follows, and the actions due.
{"home_follow_up", R"(<section aria-labelledby="h-actions" class="carte">
<h2 id="h-actions">{{t:home.actions}}</h2>
{{?actions}}
<table>
<caption>{{t:home.actions.caption}}</caption>
<thead><tr><th scope="col">{{t:col.due}}</th><th scope="col">{{t:col.jobseeker}}</th><th scope="col">{{t:col.action}}</th><th scope="col">{{t:col.state}}</th></tr></thead>
<tbody>
{{#actions}}<tr><td>{{due}}</td><td><a href="{{href}}">{{id}}</a></td><td>{{action}}</td><td>{{state}}</td></tr>
{{/actions}}</tbody>
</table>
{{/actions}}
{{^actions}}<p>{{t:home.actions.none}}</p>{{/actions}}
</section>
)"},

{"home_subtitle", R"(<h3>{{title}}</h3>
)"},

{"home_mine", R"({{?jobseekers}}
<table>
<caption>{{caption}}</caption>
<thead><tr><th scope="col">{{t:col.jobseeker}}</th><th scope="col">{{t:col.target}}</th><th scope="col">{{t:col.region}}</th>{{#supervisor}}<th scope="col">{{t:col.counsellor}}</th>{{/supervisor}}<th scope="col">{{t:col.last_decision}}</th></tr></thead>
<tbody>
{{#jobseekers}}<tr><th scope="row"><a href="{{href}}">{{id}}</a></th><td>{{target}}</td><td>{{region}}</td>{{#supervisor}}<td>{{counsellor}}</td>{{/supervisor}}<td>{{last}}</td></tr>
{{/jobseekers}}</tbody>
</table>
{{/jobseekers}}
{{^jobseekers}}<p>{{none}}</p>{{/jobseekers}}
)"},

// ------------------------------------------------------------ Import: progress (page_import.cc)
{"import_job", R"(<p>{{file}} · {{source_name}}{{#dry_run}} · {{t:import.dry_run.short}}{{/dry_run}}</p>
<div id="import-suivi" class="carte"{{#running}} hx-get="{{state_href}}" hx-trigger="every 1s" hx-swap="innerHTML"{{/running}}>{{state}}</div>
{{#drafted}}<section aria-labelledby="h-brouillon" class="carte">
<h2 id="h-brouillon">{{t:import.draft}}</h2>
<table>
<caption>{{t:import.draft.caption}}</caption>
<thead><tr><th scope="col">{{t:import.col.column}}</th><th scope="col">{{t:import.col.field}}</th><th scope="col" class="nombre">{{t:import.col.filled}}</th><th scope="col">{{t:import.col.samples}}</th><th scope="col">{{t:import.col.note}}</th></tr></thead>
<tbody>
{{#columns}}<tr><th scope="row">{{name}}</th><td>{{field}}</td><td class="nombre">{{filled}}</td><td>{{samples}}</td><td>{{note}}</td></tr>
{{/columns}}</tbody>
</table>
{{?to_review}}<h3>{{t:import.draft.review}}</h3><ul>{{#to_review}}<li>{{text}}</li>{{/to_review}}</ul>{{/to_review}}
</section>{{/drafted}}
)"},

{"import_progress", R"(<h2 id="h-avance">{{t:import.running}}</h2>
<p id="import-avance-texte">{{progress_text}}</p>
<p><progress id="import-avance" max="100" value="{{percent}}" aria-labelledby="h-avance" aria-describedby="import-avance-texte">{{percent_text}}</progress> <span class="nombre">{{percent_text}}</span></p>
<table>
<caption>{{t:import.progress.caption}}</caption>
<thead><tr><th scope="col">{{t:import.col.outcome}}</th><th scope="col" class="nombre">{{t:import.col.count}}</th></tr></thead>
<tbody>
<tr><th scope="row">{{t:import.rows}}</th><td class="nombre">{{rows}}</td></tr>
<tr><th scope="row">{{t:import.inserted}}</th><td class="nombre">{{inserted}}</td></tr>
<tr><th scope="row">{{t:import.updated}}</th><td class="nombre">{{updated}}</td></tr>
<tr><th scope="row">{{t:import.unchanged}}</th><td class="nombre">{{unchanged}}</td></tr>
<tr><th scope="row">{{t:import.rejected}}</th><td class="nombre">{{rejected}}</td></tr>
<tr><th scope="row">{{t:import.warned}}</th><td class="nombre">{{warned}}</td></tr>
</tbody>
</table>
<p class="aide">{{t:import.progress.help}} <a href="{{self_href}}">{{t:import.progress.reload}}</a></p>
)"},

// ------------------------------------------------------------ Administration (page_admin.cc)
{"admin_nav", R"(<nav aria-label="{{t:admin.nav}}" class="sous-nav"><ul class="liens">
{{#links}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
{{/links}}</ul></nav>
)"},

{"admin_accounts", R"(<section aria-labelledby="h-comptes-admin" class="carte">
<h2 id="h-comptes-admin">{{t:admin.accounts}}</h2>
<p class="actions"><a class="bouton" href="/administration/comptes/nouveau">{{t:admin.account.new}}</a></p>
<div class="defile" tabindex="0" role="region" aria-labelledby="comptes-legende"><table>
<caption id="comptes-legende">{{caption}}</caption>
<thead><tr><th scope="col">{{t:col.login}}</th><th scope="col">{{t:col.role}}</th><th scope="col">{{t:col.agency}}</th><th scope="col">{{t:col.region}}</th><th scope="col">{{t:col.state}}</th><th scope="col">{{t:admin.col.last_login}}</th><th scope="col">{{t:admin.col.totp}}</th></tr></thead>
<tbody>
{{#accounts}}<tr><th scope="row"><a href="{{href}}">{{login}}</a></th><td>{{role}}</td><td>{{agency}}</td><td>{{region}}</td><td>{{state}}</td><td>{{last_login}}</td><td>{{totp}}</td></tr>
{{/accounts}}</tbody>
</table></div>
<p class="aide">{{t:admin.accounts.help}}</p>
</section>
)"},

{"admin_account_form", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{t:admin.errors}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
<form method="post" action="/administration/comptes/nouveau" class="dossier" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset>
<legend>{{t:admin.account.identity}}</legend>
<p class="champ">
<label for="a-login">{{t:admin.field.login}}</label>
<input id="a-login" name="login" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" required value="{{login}}" aria-describedby="a-login-aide{{#login_error}} a-login-err{{/login_error}}"{{#login_error}} aria-invalid="true"{{/login_error}}>
<span id="a-login-aide" class="aide">{{t:admin.field.login.help}}</span>
{{#login_error}}<span id="a-login-err" class="erreur-champ">{{login_error}}</span>{{/login_error}}
</p>
{{role_fields}}
</fieldset>
<fieldset>
<legend>{{t:admin.account.password}}</legend>
{{password_fields}}
</fieldset>
<p><button type="submit" class="principal">{{t:admin.account.create}}</button> <a href="/administration/comptes">{{t:admin.cancel}}</a></p>
</form>
)"},

{"admin_role_fields", R"(<p class="champ">
<label for="a-role">{{t:admin.field.role}}</label>
<select id="a-role" name="role" required{{#role_error}} aria-describedby="a-role-err" aria-invalid="true"{{/role_error}}>{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/roles}}</select>
{{#role_error}}<span id="a-role-err" class="erreur-champ">{{role_error}}</span>{{/role_error}}
</p>
<p class="champ">
<label for="a-agence">{{t:admin.field.agency}}</label>
<select id="a-agence" name="agence" aria-describedby="a-agence-aide{{#agency_error}} a-agence-err{{/agency_error}}"{{#agency_error}} aria-invalid="true"{{/agency_error}}>{{#agencies}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/agencies}}</select>
<span id="a-agence-aide" class="aide">{{t:admin.field.agency.help}}</span>
{{#agency_error}}<span id="a-agence-err" class="erreur-champ">{{agency_error}}</span>{{/agency_error}}
</p>
<p class="champ">
<label for="a-region">{{t:admin.field.region}}</label>
<select id="a-region" name="region" aria-describedby="a-region-aide{{#region_error}} a-region-err{{/region_error}}"{{#region_error}} aria-invalid="true"{{/region_error}}>{{#regions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/regions}}</select>
<span id="a-region-aide" class="aide">{{t:admin.field.region.help}}</span>
{{#region_error}}<span id="a-region-err" class="erreur-champ">{{region_error}}</span>{{/region_error}}
</p>
)"},

{"admin_password_fields", R"(<p class="champ">
<label for="a-mdp">{{#own}}{{t:account.field.new}}{{/own}}{{^own}}{{t:admin.field.password}}{{/own}}</label>
<input id="a-mdp" name="mot_de_passe" type="password" autocomplete="new-password" required aria-describedby="a-mdp-aide{{#password_error}} a-mdp-err{{/password_error}}"{{#password_error}} aria-invalid="true"{{/password_error}}>
<span id="a-mdp-aide" class="aide">{{t:admin.field.password.help}}</span>
{{#password_error}}<span id="a-mdp-err" class="erreur-champ">{{password_error}}</span>{{/password_error}}
</p>
<p class="champ">
<label for="a-mdp2">{{#own}}{{t:account.field.new_again}}{{/own}}{{^own}}{{t:admin.field.password_again}}{{/own}}</label>
<input id="a-mdp2" name="mot_de_passe_2" type="password" autocomplete="new-password" required{{#password_error}} aria-describedby="a-mdp-err" aria-invalid="true"{{/password_error}}>
</p>
{{^own}}<p class="champ case"><input id="a-provisoire" name="temporaire" type="checkbox" value="1" aria-describedby="a-provisoire-aide"{{#temporary}} checked{{/temporary}}> <label for="a-provisoire">{{t:admin.field.temporary}}</label>
<span id="a-provisoire-aide" class="aide">{{t:admin.field.temporary.help}}</span></p>{{/own}}
)"},

{"admin_account", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{t:admin.errors}}</p>
<ul>{{#errors}}<li>{{#anchor}}<a href="{{anchor}}">{{message}}</a>{{/anchor}}{{^anchor}}{{message}}{{/anchor}}</li>{{/errors}}</ul>
</div>{{/errors}}
<section aria-labelledby="h-compte" class="carte">
<h2 id="h-compte">{{t:admin.account.summary}}</h2>
<dl class="resume">
<dt>{{t:col.login}}</dt><dd>{{login}}</dd>
<dt>{{t:col.role}}</dt><dd>{{role}}</dd>
<dt>{{t:col.agency}}</dt><dd>{{agency}}</dd>
<dt>{{t:col.region}}</dt><dd>{{region}}</dd>
<dt>{{t:col.state}}</dt><dd>{{state}}</dd>
<dt>{{t:admin.col.last_login}}</dt><dd>{{last_login}}</dd>
<dt>{{t:admin.col.totp}}</dt><dd>{{totp}}</dd>
<dt>{{t:admin.col.created}}</dt><dd>{{created}}</dd>
</dl>
{{#self}}<p class="aide">{{t:admin.account.self}}</p>{{/self}}
</section>

<section aria-labelledby="h-compte-role" class="carte">
<h2 id="h-compte-role">{{t:admin.account.role}}</h2>
<form method="post" action="{{role_action}}" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
{{role_fields}}
<p><button type="submit">{{t:admin.account.role.submit}}</button></p>
<p class="aide">{{t:admin.account.role.help}}</p>
</form>
</section>

<section aria-labelledby="h-compte-etat" class="carte">
<h2 id="h-compte-etat">{{t:admin.account.state}}</h2>
<form method="post" action="{{state_action}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="actif" value="{{state_value}}">
<p><button type="submit">{{state_button}}</button></p>
<p class="aide">{{t:admin.account.state.help}}</p>
</form>
</section>

<section aria-labelledby="h-compte-mdp" class="carte">
<h2 id="h-compte-mdp">{{t:admin.account.reset}}</h2>
<form method="post" action="{{password_action}}" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
{{password_fields}}
<p><button type="submit">{{t:admin.account.reset.submit}}</button></p>
<p class="aide">{{t:admin.account.reset.help}}</p>
</form>
</section>
{{#totp_removable}}
<section aria-labelledby="h-compte-totp" class="carte">
<h2 id="h-compte-totp">{{t:admin.account.totp}}</h2>
<form method="post" action="{{totp_action}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><button type="submit">{{t:admin.account.totp.submit}}</button></p>
<p class="aide">{{t:admin.account.totp.help}}</p>
</form>
</section>
{{/totp_removable}}
<p><a href="/administration/comptes">{{t:admin.back}}</a></p>
)"},

{"account_self", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{t:account.errors}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
{{#temporary}}<div class="consigne" role="alert"><p>{{t:account.temporary}}</p></div>{{/temporary}}
<section aria-labelledby="h-moi" class="carte">
<h2 id="h-moi">{{t:account.summary}}</h2>
<dl class="resume">
<dt>{{t:col.login}}</dt><dd>{{login}}</dd>
<dt>{{t:col.role}}</dt><dd>{{role}}</dd>
<dt>{{t:col.agency}}</dt><dd>{{agency}}</dd>
<dt>{{t:col.region}}</dt><dd>{{region}}</dd>
<dt>{{t:admin.col.totp}}</dt><dd>{{totp}}</dd>
</dl>
<p class="aide">{{t:account.summary.help}}</p>
</section>
<section aria-labelledby="h-moi-mdp" class="carte">
<h2 id="h-moi-mdp">{{t:account.password}}</h2>
<form method="post" action="/compte/mot-de-passe" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="champ">
<label for="m-actuel">{{t:account.field.current}}</label>
<input id="m-actuel" name="actuel" type="password" autocomplete="current-password" required{{#current_error}} aria-describedby="m-actuel-err" aria-invalid="true"{{/current_error}}>
{{#current_error}}<span id="m-actuel-err" class="erreur-champ">{{current_error}}</span>{{/current_error}}
</p>
{{password_fields}}
<p><button type="submit">{{t:account.password.submit}}</button></p>
<p class="aide">{{t:account.password.help}}</p>
</form>
</section>
{{#totp_role}}<section aria-labelledby="h-moi-2fa" class="carte">
<h2 id="h-moi-2fa" tabindex="-1">{{t:account.totp}}</h2>
{{#totp_on}}<p>{{t:account.totp.on}}</p>{{/totp_on}}
{{#totp_start}}<p class="aide">{{t:account.totp.intro}}</p>
<form method="post" action="/compte/double-facteur#h-moi-2fa" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="champ">
<label for="t-actuel">{{t:account.field.current}}</label>
<input id="t-actuel" name="actuel" type="password" autocomplete="current-password" required{{#totp_current_error}} aria-describedby="t-actuel-err" aria-invalid="true"{{/totp_current_error}}>
{{#totp_current_error}}<span id="t-actuel-err" class="erreur-champ">{{totp_current_error}}</span>{{/totp_current_error}}
</p>
<p><button type="submit">{{t:account.totp.start}}</button></p>
</form>{{/totp_start}}
{{#totp_pending}}<ol>
<li>{{t:account.totp.step1}}</li>
<li>{{t:account.totp.step2}}<div class="qr" id="t-qr">{{totp_qr}}</div>
<p>{{t:account.totp.step2.key}}</p><p class="cle" id="t-cle">{{totp_key}}</p>
<p class="aide">{{t:account.totp.uri}} <code>{{totp_uri}}</code></p></li>
<li>{{t:account.totp.step3}}</li>
</ol>
<form method="post" action="/compte/double-facteur/confirmer#h-moi-2fa" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="en_attente" value="{{pending}}">
<p class="champ">
<label for="t-code">{{t:account.totp.code}}</label>
<input id="t-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required{{#code_error}} aria-describedby="t-code-err" aria-invalid="true"{{/code_error}}>
{{#code_error}}<span id="t-code-err" class="erreur-champ">{{code_error}}</span>{{/code_error}}
</p>
<p><button type="submit" class="principal">{{t:account.totp.confirm}}</button></p>
<p class="aide">{{t:account.totp.confirm.help}}</p>
</form>{{/totp_pending}}
</section>{{/totp_role}}
)"},

{"admin_agencies", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{t:admin.errors}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
<section aria-labelledby="h-agences" class="carte">
<h2 id="h-agences">{{t:admin.agencies}}</h2>
<table>
<caption>{{t:admin.agencies.caption}}</caption>
<thead><tr><th scope="col">{{t:col.agency}}</th><th scope="col">{{t:col.region}}</th><th scope="col">{{t:admin.col.accounts}}</th><th scope="col">{{t:col.jobseekers}}</th><th scope="col">{{t:col.offers}}</th></tr></thead>
<tbody>
{{#agencies}}<tr><th scope="row"><a href="{{href}}" aria-label="{{edit_label}}">{{name}}</a></th><td>{{region}}</td><td>{{accounts}}</td><td>{{jobseekers}}</td><td>{{offers}}</td></tr>
{{/agencies}}</tbody>
</table>
<p class="aide">{{t:admin.agencies.help}}</p>
</section>
<section aria-labelledby="h-agence-nouvelle" class="carte">
<h2 id="h-agence-nouvelle">{{t:admin.agency.new}}</h2>
<form method="post" action="/administration/agences" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="champ">
<label for="g-nom">{{t:admin.field.agency_name}}</label>
<input id="g-nom" name="nom" type="text" autocomplete="off" required value="{{name}}" aria-describedby="g-nom-aide{{#name_error}} g-nom-err{{/name_error}}"{{#name_error}} aria-invalid="true"{{/name_error}}>
<span id="g-nom-aide" class="aide">{{t:admin.field.agency_name.help}}</span>
{{#name_error}}<span id="g-nom-err" class="erreur-champ">{{name_error}}</span>{{/name_error}}
</p>
{{region_field}}
<p><button type="submit">{{t:admin.agency.create}}</button></p>
</form>
</section>
)"},

{"admin_region_field", R"(<p class="champ">
<label for="g-region">{{t:admin.field.agency_region}}</label>
<input id="g-region" name="region" type="text" autocomplete="off" list="regions-connues" required value="{{region}}" aria-describedby="g-region-aide{{#region_error}} g-region-err{{/region_error}}"{{#region_error}} aria-invalid="true"{{/region_error}}>
<datalist id="regions-connues">{{#regions}}<option value="{{value}}"></option>{{/regions}}</datalist>
<span id="g-region-aide" class="aide">{{t:admin.field.agency_region.help}}</span>
{{#region_error}}<span id="g-region-err" class="erreur-champ">{{region_error}}</span>{{/region_error}}
</p>
)"},

{"admin_agency", R"({{?errors}}<div class="erreur" role="alert" tabindex="-1" id="erreurs">
<p>{{t:admin.errors}}</p>
<ul>{{#errors}}<li><a href="{{anchor}}">{{message}}</a></li>{{/errors}}</ul>
</div>{{/errors}}
<section aria-labelledby="h-agence" class="carte">
<h2 id="h-agence">{{t:admin.agency.edit}}</h2>
<p>{{summary}}</p>
<form method="post" action="{{action}}" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
{{region_field}}
<p><button type="submit">{{t:admin.agency.save}}</button> <a href="/administration/agences">{{t:admin.cancel}}</a></p>
<p class="aide">{{t:admin.agency.edit.help}}</p>
</form>
</section>
)"},

{"admin_roles", R"(<section aria-labelledby="h-roles" class="carte">
<h2 id="h-roles">{{t:admin.roles}}</h2>
<p>{{t:admin.roles.intro}}</p>
<div class="defile" tabindex="0" role="region" aria-labelledby="roles-legende"><table>
<caption id="roles-legende">{{t:admin.roles.caption}}</caption>
<thead><tr><th scope="col">{{t:admin.col.capability}}</th>{{#roles}}<th scope="col">{{label}}</th>{{/roles}}</tr></thead>
<tbody>
{{#rows}}<tr><th scope="row">{{label}} <span class="aide">({{code}})</span></th>{{#cells}}<td>{{value}}</td>{{/cells}}</tr>
{{/rows}}</tbody>
</table></div>
<p class="aide">{{t:admin.roles.help}}</p>
</section>
)"},
};

const size_t kTemplateCount = sizeof(kTemplates) / sizeof(kTemplates[0]);

}  // namespace skillmatch::pages
