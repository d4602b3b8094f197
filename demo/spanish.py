"""The demo's content in Spanish, our own writing: topics, the five clinics' notes, services,
holidays, the clinicians' titles and bios, the insurance notes and three articles (the sciatica
one among them). Loaded into the `_es` fields beside the English (django-modeltranslation);
a field staff already filled is left as it is, like the rest of the demo."""

from pathlib import Path

from articles.models import Article, Topic
from insurance.models import Network, Plan
from locations.models import Clinic, Service, SpecialHours
from pages.models import HomePage
from team.models import Clinician

# topic slug -> (name, description, how the request form offers it)
TOPICS = {
    "back-pain": (
        "Dolor de espalda",
        "Dolor lumbar, ciática y cómo mantener la espalda en movimiento.",
        "Dolor de espalda o ciática",
    ),
    "neck-shoulder": (
        "Cuello y hombro",
        "Cuellos rígidos, hombros adoloridos y las costumbres que hay detrás.",
        "Dolor de cuello o de hombro",
    ),
    "knee-hip": (
        "Rodilla y cadera",
        "Dolor de rodilla y de cadera, artritis y volver a caminar.",
        "Dolor de rodilla o de cadera",
    ),
    "sports-injuries": (
        "Lesiones deportivas",
        "Esguinces, distensiones y una vuelta segura a su deporte.",
        "Lesión deportiva",
    ),
    "after-surgery": (
        "Después de una cirugía",
        "Prepararse para una operación y recuperarse bien después.",
        "Recuperación después de una cirugía",
    ),
    "balance-falls": (
        "Equilibrio y caídas",
        "Mareos, estabilidad y mantenerse firme sobre los pies.",
        "Equilibrio, mareos o caídas",
    ),
}

# clinic slug -> (parking, accessible entrance)
CLINICS = {
    "severna-park": (
        "Estacionamiento gratis frente al edificio, con dos espacios accesibles.",
        "La entrada lateral tiene rampa y puerta automática; el elevador está a la izquierda al "
        "entrar.",
    ),
    "frederick": (
        "Estacionamiento compartido con el centro comercial, con dos espacios accesibles junto a "
        "nuestra puerta.",
        "Entrada sin escalones a nivel de la calle, con puerta ancha.",
    ),
    "crofton": (
        "Estacionamiento gratis en la puerta.",
        "Planta baja, sin escalones desde el estacionamiento hasta la recepción.",
    ),
    "bowie": (
        "Estacionamiento techado detrás del edificio.",
        "La entrada de atrás no tiene escalones y es la más cercana a nuestro consultorio.",
    ),
    "gaithersburg": (
        "Estacionamiento gratis frente al edificio.",
        "Espacios accesibles y una rampa en la acera junto a la puerta principal, que se abre "
        "sola.",
    ),
}

# English name -> (name, description)
SERVICES = {
    "Manual therapy": (
        "Terapia manual",
        "Tratamiento con las manos para articulaciones rígidas y músculos tensos.",
    ),
    "Dry needling": (
        "Punción seca",
        "Agujas finas para aflojar nudos musculares tensos y dolorosos.",
    ),
    "Sports rehabilitation": (
        "Rehabilitación deportiva",
        "Para que deportistas de todos los niveles vuelvan a su deporte con seguridad.",
    ),
    "Post-surgical rehabilitation": (
        "Rehabilitación después de una cirugía",
        "Recuperación después de un reemplazo de articulación y otras operaciones.",
    ),
    "Vestibular therapy": ("Terapia vestibular", "Tratamiento para los mareos y el vértigo."),
    "Balance and fall prevention": (
        "Equilibrio y prevención de caídas",
        "Entrenamiento para mantenerse firme sobre los pies.",
    ),
    "Pelvic health": (
        "Salud pélvica",
        "Atención del dolor pélvico y del control de la vejiga, en un cuarto privado.",
    ),
}

HOLIDAYS = {
    "Thanksgiving": "Día de Acción de Gracias",
    "Christmas Eve": "Nochebuena",
    "Christmas Day": "Navidad",
    "New Year’s Day": "Año Nuevo",
}

# clinician -> (title, bio)
CLINICIANS = {
    "Dana Whitfield": (
        "Directora de la clínica de Severna Park",
        "Dana dirige nuestra clínica de Severna Park. Es especialista certificada en "
        "ortopedia y trata sobre todo el dolor de espalda y de cuello.",
    ),
    "Marcus Oyelaran": (
        "Fisioterapeuta",
        "Marcus trabaja en Bowie y Crofton con personas que se recuperan de una cirugía de "
        "articulaciones.",
    ),
    "Priya Raman": (
        "Fisioterapeuta deportiva",
        "Priya es especialista clínica en deportes en Gaithersburg y atiende a corredores, "
        "deportistas de fin de semana y equipos escolares.",
    ),
    "Lucía Herrera": (
        "Fisioterapeuta",
        "Lucía atiende en Gaithersburg y Frederick, en español o en inglés. Le gusta que cada "
        "paciente salga con un plan claro: qué hacer en casa y cómo saber que está funcionando. "
        "Creció en Maryland en una familia de origen salvadoreño.",
    ),
    "Tom Brennan": (
        "Fisioterapeuta",
        "Tom lleva veinte años tratando hombros y cuellos en Frederick, desde personas que "
        "trabajan en una oficina hasta contratistas que levantan peso todo el día.",
    ),
    "Aisha Kamara": (
        "Especialista clínica en geriatría",
        "Aisha ayuda a los adultos mayores de Bowie a mantenerse firmes sobre los pies y a "
        "seguir haciendo lo que les gusta. Habla inglés y francés.",
    ),
    "Kevin Park": (
        "Fisioterapeuta",
        "Kevin trabaja en Crofton y Severna Park con deportistas que vuelven de una lesión, y "
        "con cualquiera a quien la rodilla no le deja salir a caminar.",
    ),
    "Rosa Delgado": (
        "Asistente de fisioterapia",
        "Rosa acompaña a los pacientes en sus programas de ejercicio en Bowie y Crofton, en "
        "español o en inglés. Si le cuesta algún ejercicio, se lo explica otra vez, con calma, "
        "hasta que le salga bien.",
    ),
}

# plans whose names are words, not a company's
PLAN_NAMES = {
    "Self-pay rates": "Tarifas si paga usted mismo",
    "Workers’ compensation (Maryland)": "Compensación laboral (Maryland)",
    "Auto accident (personal injury protection)": "Accidente de auto (protección por lesiones "
    "personales, PIP)",
}
# plan -> note at every clinic; (plan, clinic slug) -> note there
PLAN_NOTES = {
    "CareFirst BlueCross BlueShield": "Incluye el plan para empleados federales.",
    "TRICARE": "TRICARE Prime necesita una orden de su médico de atención primaria.",
    "Kaiser Permanente": "Los afiliados de Kaiser necesitan una orden de su médico de Kaiser.",
    "Medicare": "Su médico firma el plan de tratamiento que su terapeuta escribe en la primera "
    "visita.",
    "Medicare Advantage (Aetna, Humana, UnitedHealthcare)": "Algunos planes piden una orden "
    "médica: revisamos el suyo antes de su primera visita.",
    "Workers’ compensation (Maryland)": "Traiga su número de reclamo y el nombre y el teléfono "
    "de su ajustador.",
    "Auto accident (personal injury protection)": "Traiga su número de reclamo; le cobramos "
    "directamente a su aseguradora de auto.",
    "Self-pay rates": "Se paga en cada visita; le damos un comprobante para su plan o para su "
    "cuenta HSA o FSA.",
}
NETWORK_NOTES = {
    "20 visits a year": "20 visitas al año",
    "Referral needed": "Necesita una orden médica",
    "First visit $150, follow-up visits $95.": "Primera visita $150, visitas de seguimiento $95.",
    "First visit $140, follow-up visits $90.": "Primera visita $140, visitas de seguimiento $90.",
    "First visit $155, follow-up visits $100.": "Primera visita $155, visitas de seguimiento $100.",
}

# English slug -> (Spanish slug, title, summary); each body is articles/es/<Spanish slug>.html
ARTICLE_BODIES = Path(__file__).resolve().parent / "articles" / "es"
ARTICLES = {
    "physical-therapy-for-sciatica": (
        "fisioterapia-para-la-ciatica",
        "Fisioterapia para la ciática: cómo serán sus visitas",
        "La ciática casi siempre mejora sin cirugía. Le contamos cómo un fisioterapeuta averigua "
        "qué presiona el nervio, qué tratamientos ayudan y cuánto tarda la recuperación.",
    ),
    "lifting-without-hurting-your-back": (
        "levantar-peso-sin-lastimarse-la-espalda",
        "Cómo levantar peso sin lastimarse la espalda",
        "Doblar la espalda no es malo, pero algunas costumbres hacen que levantar cosas la "
        "cuide mucho más. Cinco consejos prácticos para las compras, los nietos y el jardín.",
    ),
    "desk-neck-small-changes": (
        "cuello-de-oficina-pequenos-cambios",
        "Cuello de oficina: pequeños cambios para el dolor de cuello en el trabajo",
        "Muchas horas frente a una pantalla pueden dejar el cuello y los hombros rígidos y "
        "adoloridos. Estos pequeños cambios en su escritorio y en su día marcan la diferencia.",
    ),
}


# The demo's drawings, described in Spanish (demo.pictures.SUBJECT_DESCRIPTIONS).
PICTURES = {
    "back-pain": "Dibujo de una columna vertebral con las vértebras de abajo resaltadas",
    "neck-shoulder": "Dibujo de la cabeza y los hombros, con el cuello resaltado",
    "lifting": "Dibujo de una persona que levanta una caja con las rodillas dobladas y la "
    "espalda recta",
}
ARTICLE_PICTURES = {"lifting-without-hurting-your-back": "lifting"}
HOME_PICTURE = (
    "Dibujo de un fisioterapeuta que guía la rodilla doblada de un paciente sobre una camilla"
)
# The picture in the sciatica article's text, described in Spanish.
IN_TEXT_ALT = "Dibujo de una pierna desde la cadera hasta el pie, con la rodilla resaltada"


def _fill(obj, **values) -> bool:
    """Set each `_es` field that is still empty; True when something was set."""
    empty = {name: value for name, value in values.items() if not getattr(obj, f"{name}_es")}
    for name, value in empty.items():
        setattr(obj, f"{name}_es", value)
    if empty:
        obj.save()
    return bool(empty)


def load_spanish(with_in_text_picture) -> int:
    """Fill in the Spanish of every demo object that has none yet; how many were filled.
    `with_in_text_picture`: the demo's own step that puts its picture in an article's text."""
    filled = 0
    for slug, (name, description, label) in TOPICS.items():
        if topic := Topic.objects.filter(slug=slug).first():
            filled += _fill(topic, name=name, description=description, request_label=label)
    for slug, (parking, entrance) in CLINICS.items():
        if clinic := Clinic.objects.filter(slug=slug).first():
            photo = f"La entrada de nuestra clínica de {clinic.name} (una ilustración)"
            filled += _fill(
                clinic, parking_notes=parking, accessibility_notes=entrance, photo_alt=photo
            )
    for english, (name, description) in SERVICES.items():
        if service := Service.objects.filter(name_en=english).first():
            filled += _fill(service, name=name, description=description)
    for english, spanish in HOLIDAYS.items():
        filled += SpecialHours.objects.filter(note_en=english, note_es=None).update(note_es=spanish)
    for name, (title, bio) in CLINICIANS.items():
        if person := Clinician.objects.filter(name=name).first():
            portrait = f"{name} (una ilustración)" if person.photo else ""
            filled += _fill(person, title=title, bio=bio, photo_alt=portrait)
    for name, note in PLAN_NOTES.items():
        if plan := Plan.objects.filter(name_en=name).first():
            filled += _fill(plan, note=note)
    for name, spanish_name in PLAN_NAMES.items():
        if plan := Plan.objects.filter(name_en=name).first():
            filled += _fill(plan, name=spanish_name)
    for english, spanish in NETWORK_NOTES.items():
        filled += Network.objects.filter(note_en=english, note_es=None).update(note_es=spanish)
    home = HomePage.objects.first()
    if home is not None and home.picture:
        filled += _fill(home, picture_alt=HOME_PICTURE)
    for english_slug, (slug, title, summary) in ARTICLES.items():
        article = Article.objects.filter(slug_en=english_slug, slug_es=None).first()
        if article is not None:
            body = (ARTICLE_BODIES / f"{slug}.html").read_text()
            body = with_in_text_picture(body.replace("IN_TEXT_ALT", IN_TEXT_ALT))
            article.slug_es, article.title_es, article.summary_es = slug, title, summary
            article.body_es = body
            article.hero_alt_es = PICTURES[ARTICLE_PICTURES.get(english_slug, article.topic.slug)]
            # Its own review date: here the English one's, both versions checked together.
            article.last_reviewed_es = article.last_reviewed_en
            article.save()
            filled += 1
    return filled
