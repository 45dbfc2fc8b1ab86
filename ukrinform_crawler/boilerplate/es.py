"""The Spanish edition (www.ukrinform.es): boilerplate phrases, all assumed.

Standard translations shared with the replica (``/work/phrases.md`` when they were written);
the site model confirms none of them (site-model.md §1 names only the host and ``hreflang``).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed

CATALOGUE = Catalogue(
    language="es",
    citation_notice=(
        assumed(
            "Al citar y utilizar cualquier material en Internet, es obligatorio un enlace al "
            "sitio web {DOMAIN} no inferior al primer párrafo."
        ),
        assumed(
            "Además, la cita de materiales traducidos de medios extranjeros solo es posible "
            "con un enlace al sitio web {DOMAIN} y al sitio web del medio extranjero."
        ),
    ),
    advertising_disclaimer=(
        assumed(
            "Los materiales marcados como «Publicidad» o con el aviso «El material se ha "
            "publicado de conformidad con la parte 3 del artículo 9 de la Ley de Ucrania "
            "«Sobre la publicidad» n.º 270/96-VR de 3 de julio de 1996 y la Ley de Ucrania "
            "«Sobre los medios» n.º 2849-IX de 31 de marzo de 2023 y sobre la base de un "
            "contrato/factura."
        ),
    ),
    media_identifier=(
        assumed("Entidad de medios en línea; identificador de medios - {MEDIA_ID}."),
    ),
    copyright=(assumed("© 2015-{YEAR} Ukrinform. Todos los derechos reservados."),),
    publisher=(assumed("Ukrinform"),),
    read_also=(assumed("Lea también:"),),
    photo_credit=(assumed("Foto:"),),
    byline=(assumed("Preparado por"),),
    conjunctions=("y",),
    search_form=(
        assumed("Ocultar búsqueda avanzada"),
        assumed("Búsqueda avanzada"),
        assumed("Por período:"),
        assumed("Todas las secciones"),
        assumed("Buscar"),
    ),
    promo=(assumed("Únase a nuestros canales de Telegram, Instagram y YouTube."),),
)
