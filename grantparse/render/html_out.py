"""One self-contained HTML page (no network): a summary that sorts and filters, each file's
findings with their locations, and the key figures — in the chosen language."""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

from grantparse import __version__
from grantparse.render.findings_table import describe_location
from grantparse.render.rows import summary_row
from grantparse.validation import ValidationRun

WORDS = {
    "title": {"kk": "Гранттық есептерді тексеру", "ru": "Проверка отчётов по грантам", "en": "Grant report validation"},
    "files": {"kk": "Файлдар", "ru": "Файлов", "en": "Files"},
    "failed": {"kk": "Оқылмады", "ru": "Не прочитано", "en": "Failed"},
    "filter": {"kk": "Сүзгі…", "ru": "Фильтр…", "en": "Filter…"},
    "file": {"kk": "Файл", "ru": "Файл", "en": "File"},
    "status": {"kk": "Күйі", "ru": "Статус", "en": "Status"},
    "errors": {"kk": "Қателер", "ru": "Ошибки", "en": "Errors"},
    "warnings": {"kk": "Ескертулер", "ru": "Предупреждения", "en": "Warnings"},
    "infos": {"kk": "Ақпарат", "ru": "Сведения", "en": "Info"},
    "organisation": {"kk": "Ұйым", "ru": "Организация", "en": "Organisation"},
    "project": {"kk": "Жоба", "ru": "Проект", "en": "Project"},
    "grant": {"kk": "Грант сомасы", "ru": "Сумма гранта", "en": "Grant amount"},
    "period": {"kk": "Кезең", "ru": "Период", "en": "Period"},
    "beneficiaries": {"kk": "Тікелей бенефициарлар (факт)", "ru": "Прямые бенефициары (факт)",
                      "en": "Direct beneficiaries (actual)"},
    "findings": {"kk": "Табылғандар", "ru": "Замечания", "en": "Findings"},
    "where": {"kk": "Орны", "ru": "Где", "en": "Where"},
    "message": {"kk": "Хабарлама", "ru": "Сообщение", "en": "Message"},
    "figures": {"kk": "Негізгі көрсеткіштер", "ru": "Ключевые показатели", "en": "Key figures"},
    "review": {"kk": "тексеру керек", "ru": "проверить", "en": "needs review"},
    "none": {"kk": "Ескерту жоқ", "ru": "Замечаний нет", "en": "No findings"},
}

TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<title>{{ w.title }}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1b1b}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f2f2f2;cursor:pointer;user-select:none}
th.sorted-asc::after{content:" ▲"} th.sorted-desc::after{content:" ▼"}
.error{color:#b00020;font-weight:600}.warning{color:#8a5a00}.info{color:#00579c}
.failed{background:#fde7ea}.findings{background:#fff8e1}.ok{background:#eaf7ea}
input#filter{padding:.4rem;width:20rem;margin:.5rem 0}
.num{text-align:right;font-variant-numeric:tabular-nums}
</style></head><body>
<h1>{{ w.title }}</h1>
<p>{{ w.files }} {{ summary.files }} · {{ w.errors }} {{ summary.errors }} · {{ w.warnings }} {{ summary.warnings }} ·
{{ w.infos }} {{ summary.infos }} · {{ w.failed }} {{ summary.failed }} — grantparse {{ version }}</p>
<input id="filter" type="search" placeholder="{{ w.filter }}" aria-label="{{ w.filter }}">
<table id="summary"><thead><tr>
<th data-type="text">{{ w.file }}</th><th data-type="text">{{ w.status }}</th>
<th data-type="num">{{ w.errors }}</th><th data-type="num">{{ w.warnings }}</th><th data-type="num">{{ w.infos }}</th>
<th data-type="text">{{ w.organisation }}</th><th data-type="text">{{ w.project }}</th>
<th data-type="num">{{ w.grant }}</th><th data-type="text">{{ w.period }}</th>
<th data-type="num">{{ w.beneficiaries }}</th>
</tr></thead><tbody>
{% for row in rows %}<tr class="{{ row.status }}">
<td><a href="#file-{{ loop.index }}">{{ row.file }}</a></td><td>{{ row.status }}</td>
<td class="num">{{ row.errors }}</td><td class="num">{{ row.warnings }}</td><td class="num">{{ row.infos }}</td>
<td>{{ row.organisation or "" }}</td><td>{{ row.project or "" }}</td>
<td class="num">{{ row.grant_amount if row.grant_amount is not none else "" }}</td>
<td>{{ (row.period_start or "") ~ (" – " ~ row.period_end if row.period_end else "") }}</td>
<td class="num">{{ row.direct_beneficiaries_fact if row.direct_beneficiaries_fact is not none else "" }}</td>
</tr>{% endfor %}
</tbody></table>
{% for result in results %}
<h2 id="file-{{ loop.index }}">{{ result.path }}</h2>
{% if result.findings %}<table class="findings-table"><thead><tr><th>severity</th><th>code</th>
<th>{{ w.where }}</th><th>{{ w.message }}</th></tr></thead><tbody>
{% for f in result.findings %}<tr><td class="{{ f.severity.value }}">{{ f.severity.value }}{% if f.needs_review %}
({{ w.review }}){% endif %}</td><td>{{ f.code }}</td><td>{{ where(f) }}</td><td>{{ f.message }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>{{ w.none }}</p>{% endif %}
{% if result.report %}{% set r = result.report %}<details><summary>{{ w.figures }}</summary><table><tbody>
<tr><th>gender</th><td>{{ r.gender.total }} = {{ r.gender.male }} + {{ r.gender.female }}</td></tr>
<tr><th>age</th><td>{{ r.age.total }}: {% for band, v in r.age.bands.items() %}{{ band }}={{ v }} {% endfor %}</td></tr>
<tr><th>categories</th><td>{% for k, v in r.social_categories.model_dump().items() if v is not none %}
{{ k }}={{ v }} {% endfor %}</td></tr>
{% for key, value in r.socio_economic if key != "partners" %}
<tr><th>{{ key }}</th><td>{{ value.plan }} / {{ value.fact }}</td></tr>{% endfor %}
</tbody></table></details>{% endif %}
{% endfor %}
<script>
(function(){
  const table=document.getElementById('summary'), body=table.tBodies[0];
  document.getElementById('filter').addEventListener('input',function(){
    const q=this.value.toLowerCase();
    for(const row of body.rows){row.style.display=row.textContent.toLowerCase().includes(q)?'':'none';}
  });
  table.tHead.querySelectorAll('th').forEach(function(th,i){
    th.addEventListener('click',function(){
      const asc=!th.classList.contains('sorted-asc');
      table.tHead.querySelectorAll('th').forEach(h=>h.classList.remove('sorted-asc','sorted-desc'));
      th.classList.add(asc?'sorted-asc':'sorted-desc');
      const num=th.dataset.type==='num';
      const rows=Array.from(body.rows).sort(function(a,b){
        let x=a.cells[i].textContent.trim(), y=b.cells[i].textContent.trim();
        if(num){x=parseFloat(x)||0;y=parseFloat(y)||0;return asc?x-y:y-x;}
        return asc?x.localeCompare(y):y.localeCompare(x);
      });
      rows.forEach(r=>body.appendChild(r));
    });
  });
})();
</script></body></html>
"""


def render_html(run: ValidationRun, lang: str = "en") -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(TEMPLATE)
    words = {key: value.get(lang, value["en"]) for key, value in WORDS.items()}
    return template.render(lang=lang, w=words, rows=[summary_row(r) for r in run.results], results=run.results,
                           summary=run.summary, version=__version__, where=describe_location)
