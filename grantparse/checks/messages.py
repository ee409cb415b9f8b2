"""Finding messages in Kazakh, Russian and English, keyed by check code.

Each template is filled with named values (``str.format``); numbers are passed already
formatted (see :func:`num`). Quote the form's own labels in the report's language so an
auditor finds the place at once.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS = ("kk", "ru", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "unreadable-file": {
        "kk": "Файлды оқу мүмкін емес: {reason}",
        "ru": "Файл не читается: {reason}",
        "en": "The file cannot be read: {reason}",
    },
    "encrypted-file": {
        "kk": "Файл құпиясөзбен қорғалған: {reason}",
        "ru": "Файл защищён паролем: {reason}",
        "en": "The file is password-protected: {reason}",
    },
    "no-text-layer": {
        "kk": "PDF-те мәтін қабаты жоқ (сканерленген бет), OCR өшірулі немесе орнатылмаған: {reason}",
        "ru": "В PDF нет текстового слоя (скан), а OCR выключен или не установлен: {reason}",
        "en": "The PDF has no text layer (a scan) and OCR is off or not installed: {reason}",
    },
    "not-a-grant-report": {
        "kk": "Файл оқылды, бірақ бұл грант бойынша қорытынды есеп нысаны емес: {reason}",
        "ru": "Файл прочитан, но это не форма итогового отчёта по гранту: {reason}",
        "en": "The file was read but is not the grant final-report form: {reason}",
    },
    "missing-section": {
        "kk": "Міндетті бөлім табылмады: {section_name}",
        "ru": "Не найден обязательный раздел: {section_name}",
        "en": "A required section is missing: {section_name}",
    },
    "missing-field": {
        "kk": "Тақырыптағы «{label}» өрісі бос",
        "ru": "Поле шапки «{label}» не заполнено",
        "en": "Header field «{label}» is empty",
    },
    "invalid-phone": {
        "kk": "«{phone}» — Қазақстан телефон нөмірі емес ({where})",
        "ru": "«{phone}» — не казахстанский номер телефона ({where})",
        "en": "«{phone}» is not a Kazakhstan phone number ({where})",
    },
    "invalid-period": {
        "kk": "Жобаны іске асыру кезеңі түсініксіз немесе аяқталуы басталуынан бұрын: «{raw}»",
        "ru": "Период реализации не распознан или окончание раньше начала: «{raw}»",
        "en": "The project period is not understood or ends before it starts: «{raw}»",
    },
    "invalid-amount": {
        "kk": "Гранттың жалпы сомасы түсініксіз: «{raw}»",
        "ru": "Общая сумма гранта не распознана: «{raw}»",
        "en": "The grant amount is not understood: «{raw}»",
    },
    "signature-mismatch": {
        "kk": "Қол қоюшы «{signer}» басшының аты-жөніне «{leader}» сәйкес келмейді",
        "ru": "Подписант «{signer}» не совпадает с руководителем «{leader}»",
        "en": "The signer «{signer}» does not match the leader «{leader}»",
    },
    "missing-fill-date": {
        "kk": "«Толтыру күні» жолы толтырылмаған",
        "ru": "Строка «Дата заполнения» не заполнена",
        "en": "The fill-date line («Толтыру күні» / «Дата заполнения») is blank",
    },
    "gender-total-mismatch": {
        "kk": "Ерлер ({male}) + Әйелдер ({female}) = {sum}, ал барлығы {total}",
        "ru": "Мужчины ({male}) + Женщины ({female}) = {sum}, а всего {total}",
        "en": "Men ({male}) + women ({female}) = {sum}, but the total is {total}",
    },
    "age-total-mismatch": {
        "kk": "Жас топтарының қосындысы {sum} ({bands}), ал барлығы {total}",
        "ru": "Сумма возрастных групп {sum} ({bands}), а всего {total}",
        "en": "The age bands add up to {sum} ({bands}), but the total is {total}",
    },
    "category-total-mismatch": {
        "kk": "Санаттар барлығын ({total}) қамтымайды: {detail}",
        "ru": "Категории не покрывают итог ({total}): {detail}",
        "en": "The social categories cannot cover the total ({total}): {detail}",
    },
    "participant-total-mismatch": {
        "kk": "Қатысушылар саны кестелерде әртүрлі: {detail}",
        "ru": "Число участников в таблицах расходится: {detail}",
        "en": "The participant totals disagree: {detail}",
    },
    "payroll-exceeds-grant": {
        "kk": "Еңбекақы төлеу қоры ({payroll}) гранттың жалпы сомасынан ({grant}) асып кетті",
        "ru": "Фонд оплаты труда ({payroll}) больше общей суммы гранта ({grant})",
        "en": "The payroll fund ({payroll}) exceeds the grant amount ({grant})",
    },
    "payroll-equals-grant": {
        "kk": "Еңбекақы төлеу қоры ({payroll}) гранттың бүкіл сомасына тең, ал есепте {spending} аталады",
        "ru": "Фонд оплаты труда ({payroll}) равен всей сумме гранта, хотя в отчёте названы {spending}",
        "en": "The payroll fund ({payroll}) equals the whole grant, yet the report names {spending}",
    },
    "indicator-below-plan": {
        "kk": "«{row}»: нақты деңгейі ({fact}) жоспардан ({plan}) төмен",
        "ru": "«{row}»: фактический уровень ({fact}) ниже планового ({plan})",
        "en": "«{row}»: actual ({fact}) is below plan ({plan})",
    },
    "fact-below-plan": {
        "kk": "«{indicator}»: факт ({fact}) жоспардан ({plan}) төмен{justified}",
        "ru": "«{indicator}»: факт ({fact}) ниже плана ({plan}){justified}",
        "en": "«{indicator}»: actual ({fact}) is below plan ({plan}){justified}",
    },
    "event-outside-period": {
        "kk": "Іс-шара күні {dates} жобаның кезеңінен ({period}) тыс",
        "ru": "Дата мероприятия {dates} вне периода проекта ({period})",
        "en": "Activity date {dates} lies outside the project period ({period})",
    },
    "prize-fund-mismatch": {
        "kk": "Жүлде қоры бөлінісі {breakdown} = {sum}, ал көрсетілген жүлде қоры {fund}",
        "ru": "Разбивка призового фонда {breakdown} = {sum}, а заявленный призовой фонд {fund}",
        "en": "The prize breakdown {breakdown} = {sum}, but the stated prize fund is {fund}",
    },
    "plan-fact-identical": {
        "kk": "Барлық {count} индикатордың факті жоспармен әріп-әрпіне бірдей — өлшенбей көшірілген сияқты",
        "ru": "У всех {count} индикаторов факт посимвольно совпадает с планом — похоже на копирование",
        "en": "All {count} indicators have a fact identical to the plan, character for character "
              "(copied, not measured)",
    },
    "partner-count-mismatch": {
        "kk": "Әлеуметтік-экономикалық кестеде {named} серіктес аталған, ал серіктестер кестесінде {listed}",
        "ru": "В социально-экономической таблице названо партнёров: {named}, а в таблице партнёров: {listed}",
        "en": "The socio-economic table names {named} partners, the partners table lists {listed}",
    },
    "page-count-mismatch": {
        "kk": "Есеп беттерінің жалпы саны {declared} деп көрсетілген, ал файлда {actual} бет",
        "ru": "Заявлено страниц: {declared}, а в файле {actual}",
        "en": "The report declares {declared} pages, the file has {actual}",
    },
    "blank-indicator": {
        "kk": "«{row}» жолы толтырылмаған ({side}){context}",
        "ru": "Строка «{row}» не заполнена ({side}){context}",
        "en": "Row «{row}» is left blank ({side}){context}",
    },
    "future-tense-narrative": {
        "kk": "Қорытынды есептегі нәтиже жоспар ретінде жазылған: {words}",
        "ru": "Результаты в итоговом отчёте описаны как планы: {words}",
        "en": "Results in a final report are written as plans: {words}",
    },
    "duplicate-evidence-link": {
        "kk": "Бір сілтеме әртүрлі іс-шараларға дәлел ретінде келтірілген: {url} ({places})",
        "ru": "Одна и та же ссылка приведена как подтверждение разных мероприятий: {url} ({places})",
        "en": "The same evidence link is cited for different activities: {url} ({places})",
    },
    "age-category-inconsistent": {
        "kk": "Жас кестесінде {band} жастағы {count} қатысушы бар, ал «{category}» санаты {value}",
        "ru": "В возрастной таблице {count} участников в возрасте {band}, а категория «{category}» {value}",
        "en": "The age table shows {count} participants aged {band}, yet the «{category}» category is {value}",
    },
    "check-failed": {
        "kk": "«{check}» тексерісі орындалмады: {reason}",
        "ru": "Проверка «{check}» не выполнена: {reason}",
        "en": "Check «{check}» could not run: {reason}",
    },
}

# Words that messages put in, per language.
WORDS: dict[str, dict[str, str]] = {
    "blank": {"kk": "бос", "ru": "пусто", "en": "blank"},
    "zero": {"kk": "0", "ru": "0", "en": "0"},
    "plan": {"kk": "жоспар", "ru": "план", "en": "plan"},
    "fact": {"kk": "факт", "ru": "факт", "en": "actual"},
    "plan_and_fact": {"kk": "жоспар мен факт", "ru": "план и факт", "en": "plan and actual"},
    "justified": {"kk": "; ауытқудың негіздемесі берілген", "ru": "; обоснование отклонения приведено",
                  "en": "; a deviation justification is given"},
    "prizes_paid": {"kk": ", ал жүлделер мен сатып алулар аталған", "ru": ", хотя названы призы и закупки",
                    "en": " while prizes or purchases are reported"},
    "spending": {"kk": "жүлделер мен сатып алулар", "ru": "призы и закупки", "en": "prizes or purchases"},
    "header": {"kk": "тақырып", "ru": "шапка", "en": "header"},
    "partners": {"kk": "серіктестер", "ru": "партнёры", "en": "partners"},
    "children": {"kk": "Балалар", "ru": "Дети", "en": "children"},
    "elderly": {"kk": "Егде жастағы адамдар", "ru": "Пожилые люди", "en": "elderly"},
    "gender": {"kk": "гендер", "ru": "гендер", "en": "gender"},
    "age": {"kk": "жас", "ru": "возраст", "en": "age"},
    "categories": {"kk": "санаттар", "ru": "категории", "en": "categories"},
    "direct": {"kk": "тікелей бенефициарлар (факт)", "ru": "прямые бенефициары (факт)",
               "en": "direct beneficiaries (actual)"},
    "below": {"kk": "санаттардың қосындысы {sum} барлығынан аз", "ru": "сумма категорий {sum} меньше итога",
              "en": "the categories add up to {sum}, less than the total"},
    "above": {"kk": "«{name}» санаты ({value}) барлығынан көп", "ru": "категория «{name}» ({value}) больше итога",
              "en": "the «{name}» category ({value}) alone exceeds the total"},
    "task_activity": {"kk": "{task}-міндет, {activity}-іс-шара", "ru": "задача {task}, мероприятие {activity}",
                      "en": "task {task}, activity {activity}"},
    "narrative": {"kk": "іс-шаралардың сипаттамасы", "ru": "описание мероприятий", "en": "activity description"},
}

SECTION_NAMES: dict[str, dict[str, str]] = {
    "header": {"kk": "тақырып (1–6 өрістер)", "ru": "шапка (поля 1–6)", "en": "header (fields 1–6)"},
    "tasks": {"kk": "міндеттер кестесі", "ru": "таблица задач", "en": "task table"},
    "socio_economic": {"kk": "әлеуметтік-экономикалық әсер кестесі", "ru": "таблица социально-экономического эффекта",
                       "en": "socio-economic effect table"},
    "gender": {"kk": "Гендерлік көрсеткіш", "ru": "Гендерный показатель", "en": "gender table"},
    "social_categories": {"kk": "Санаттар бойынша әлеуметтік дәрежесі", "ru": "Социальный статус по категориям",
                          "en": "social-category table"},
    "age": {"kk": "Жас көрсеткіші", "ru": "Возрастной показатель", "en": "age table"},
}


def word(key: str, lang: str) -> str:
    return WORDS[key][lang]


def render(code: str, lang: str, params: Mapping[str, object]) -> str:
    """The message for ``code`` in ``lang`` with ``params`` filled in."""
    templates = MESSAGES[code]
    return templates.get(lang, templates["en"]).format(**params)


def num(value: float | int | None) -> str:
    """10125000 → «10 125 000»; None → «—»."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".replace(",", " ")
    return f"{int(value):,}".replace(",", " ")
