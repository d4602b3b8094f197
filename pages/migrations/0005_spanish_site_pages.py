"""The site's own pages in Spanish, written by us as the English ones were: the home page's
words, the privacy notice, the accessibility statement and "Your first visit". Each only where
the English is still the text we shipped: a page staff rewrote (or translated) is left to them,
since our Spanish would say something else (its Spanish address shows their English, marked as
English, until they write the Spanish)."""

from importlib import import_module

from django.db import migrations

from articles.html import sanitize_article_html

SHIPPED = import_module("pages.migrations.0001_initial")
SHIPPED_FIRST_VISIT = import_module("pages.migrations.0002_first_visit_page").FIRST_VISIT

PRIVACY = """
<p>Este aviso explica qué datos recogemos en este sitio web, para qué, quién puede verlos y cuánto tiempo los guardamos. Se aplica solo al sitio web; la atención en nuestras clínicas se rige por nuestro Aviso de Prácticas de Privacidad, que puede pedir en la recepción.</p>
<h2>Cuando lee nuestro sitio</h2>
<p>No usamos publicidad, analítica ni ningún tipo de rastreo. Nuestras páginas no cargan nada de otras empresas: ni tipos de letra, ni scripts, ni mapas, ni píxeles. Nuestro servidor guarda un registro técnico breve (la dirección de la página y la hora, nunca el contenido de un formulario) para que el sitio funcione y sea seguro.</p>
<h2>Cuando pide una cita</h2>
<p>Cuando envía el formulario para pedir una cita, guardamos lo que escribió: su nombre, su teléfono, su correo electrónico si nos lo da, la clínica que prefiere y el motivo que eligió. Solo lo usamos para llamarle o escribirle y darle una cita.</p>
<ul>
<li><strong>Quién lo ve:</strong> el personal de recepción de la clínica que eligió (o de todas las clínicas, si no tiene preferencia) y nuestros gerentes. Cada vez que alguien del personal abre una solicitud, queda registrado quién fue.</li>
<li><strong>Qué dicen nuestros correos:</strong> los correos que avisan a una clínica de una solicitud nueva solo llevan su número, nunca su nombre ni su motivo. Si nos da un correo electrónico, le enviamos una confirmación breve sin datos de salud, en el idioma en que llenó el formulario.</li>
<li><strong>Cuánto tiempo lo guardamos:</strong> borramos las solicitudes después de un plazo fijo y solo conservamos cifras anónimas, como cuántas solicitudes recibió cada clínica en un mes.</li>
</ul>
<h2>Sus opciones</h2>
<p>Puede pedirnos en cualquier momento que corrijamos o borremos una solicitud: llame a cualquiera de nuestras clínicas. Si prefiere no usar el formulario, llámenos; no hace falta que nos dé ningún dato en línea.</p>
"""

ACCESSIBILITY = """
<p>Queremos que todas las personas puedan leer nuestros artículos, encontrar una clínica y pedir una cita, sea cual sea el dispositivo o la tecnología de apoyo que usen.</p>
<h2>Nuestra meta</h2>
<p>Este sitio busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2, nivel AA. En la práctica, eso quiere decir que:</p>
<ul>
<li>todas las páginas funcionan solo con el teclado, y siempre se ve dónde está el foco;</li>
<li>el texto tiene buen contraste y se puede ampliar al 200 % sin perder contenido;</li>
<li>las páginas funcionan con lectores de pantalla, con títulos, etiquetas y regiones claros;</li>
<li>todas las páginas, también el formulario de cita, funcionan sin JavaScript;</li>
<li>los errores del formulario dicen qué falló y cómo corregirlo, y conservan todo lo que escribió;</li>
<li>cada página está en inglés y en español, y un enlace en la parte de arriba lleva a la otra versión.</li>
</ul>
<h2>Cómo lo comprobamos</h2>
<p>Antes de publicar cualquier cambio en el sitio, pruebas automáticas de accesibilidad y de HTML revisan cada tipo de página, en los dos idiomas, y probamos los recorridos principales con el teclado.</p>
<h2>Avísenos de un problema</h2>
<p>Si algo de este sitio es difícil de usar, díganoslo: llame a cualquier clínica y pida hablar con la gerente. Le responderemos en un plazo de cinco días hábiles, y siempre podemos tomar su solicitud de cita por teléfono.</p>
"""

FIRST_VISIT = """
<p>Su primera cita dura más que las siguientes, y casi todo el tiempo se dedica a conversar y a hacer pruebas con cuidado. Aquí le contamos qué esperar, para que venga preparado.</p>
<h2>Qué traer</h2>
<ul>
<li>una identificación con foto y su tarjeta del seguro;</li>
<li>una lista de los medicamentos que toma, y los informes de estudios de imagen (radiografía, resonancia) o las cartas de su médico que tenga;</li>
<li>una orden médica, si su seguro la pide (vea más abajo);</li>
<li>sus lentes para leer, si los necesita para los formularios.</li>
</ul>
<h2>Cuánto dura</h2>
<p>Cuente con una hora, más o menos. Por favor, llegue diez minutos antes para llenar un historial de salud breve; si lo pide al hacer la cita, se lo podemos enviar antes. Las visitas siguientes suelen durar 45 minutos.</p>
<h2>Qué hará su terapeuta</h2>
<ul>
<li>escucharle: cuándo empezó el problema, qué lo mejora o lo empeora y qué quiere volver a hacer;</li>
<li>ver cómo se mueve: fuerza, flexibilidad, equilibrio y los movimientos que le duelen;</li>
<li>explicarle con palabras sencillas lo que encontró, y también lo que no es, cuando eso le ayuda a preocuparse menos;</li>
<li>acordar un plan con usted: cada cuánto venir, por cuánto tiempo y los primeros ejercicios para hacer en casa.</li>
</ul>
<p>La mayoría de las personas salen de la primera visita con dos o tres ejercicios y una hoja para seguirlos en casa.</p>
<h2>¿Necesita una orden médica?</h2>
<p>En Maryland puede ver a un fisioterapeuta sin una orden de su médico. Algunos seguros igual la piden antes de pagar, y Medicare pide que su médico firme su plan de tratamiento. Cuando haga la cita, la recepción revisará lo que pide su plan y se lo dirá; si necesita una orden, le ayudamos a pedírsela a su médico.</p>
<h2>Seguro y costos</h2>
<p>Lo que paga depende de su plan: un copago en cada visita, un deducible o un límite de visitas al año. Revisamos sus beneficios antes de su primera visita y le decimos lo que encontramos. Si prefiere pagar usted mismo, pida en la recepción nuestras tarifas de pago directo.</p>
<h2>Qué ponerse</h2>
<p>Ropa cómoda que le permita moverse y zapatos con los que pueda caminar y hacer ejercicio. Para la rodilla o la cadera, lo más fácil es un pantalón corto; para el hombro o el cuello, una camiseta o una camiseta sin mangas. Hay un cuarto privado si necesita cambiarse.</p>
<h2>Si necesita cancelar</h2>
<p>Si puede, llame a su clínica un día antes, para que otra persona con dolor pueda usar ese horario.</p>
"""

# (address, the English we shipped, the Spanish title and text)
PAGES = [
    ("/privacy/", SHIPPED.PRIVACY, "Aviso de privacidad", PRIVACY),
    ("/accessibility/", SHIPPED.ACCESSIBILITY, "Declaración de accesibilidad", ACCESSIBILITY),
    ("/first-visit/", SHIPPED_FIRST_VISIT, "Su primera visita", FIRST_VISIT),
]
SHIPPED_HEADLINE = "Move with less pain, and get back to what you enjoy"
HEADLINE = "Muévase con menos dolor y vuelva a hacer lo que le gusta"
INTRODUCTION = (
    "Forever Fit Physical Therapy tiene cinco clínicas en Maryland, entre Baltimore y "
    "Washington. Nuestros fisioterapeutas buscan la causa de su dolor, se la explican con "
    "palabras sencillas y preparan un plan con usted."
)


def spanish_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    SitePageVersion = apps.get_model("pages", "SitePageVersion")
    for url, english, title, content in PAGES:
        page = FlatPage.objects.filter(url=url).first()
        shipped = {english.strip(), sanitize_article_html(english.strip())}  # as 0001 saved it
        if page is not None and page.content.strip() in shipped:
            SitePageVersion.objects.get_or_create(
                page=page, language="es", defaults={"title": title, "content": content.strip()}
            )
    home = apps.get_model("pages", "HomePage").objects.filter(pk=1).first()
    if home is not None and not home.headline_es and home.headline_en == SHIPPED_HEADLINE:
        home.headline_es, home.introduction_es = HEADLINE, INTRODUCTION
        home.save(update_fields=["headline_es", "introduction_es"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_site_page_versions")]

    operations = [migrations.RunPython(spanish_pages, migrations.RunPython.noop)]
