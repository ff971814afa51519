"""The shipped vocabularies' names in the ten interface languages.

The English name of every term (shipped or the secretariat's) is its current
name. The other languages are filled only for a shipped term whose English name
is still the shipped one, and only where empty: a term the secretariat renamed
keeps its words, and a translation entered in the admin is never overwritten.
Safe to run again (tests/conftest.py does, after a flush). The tables are frozen
here: a later change is a new migration.
"""

from django.db import migrations

ORDER = ("fr", "es", "ca", "de", "it", "sv", "pt", "nl", "pl")

# slug: (English, then the names in ORDER)
THEMES = {
    "gender-equality": (
        "Gender equality",
        "Égalité entre les femmes et les hommes",
        "Igualdad de género",
        "Igualtat de gènere",
        "Gleichstellung der Geschlechter",
        "Parità di genere",
        "Jämställdhet",
        "Igualdade de género",
        "Gendergelijkheid",
        "Równość płci",
    ),
    "inclusion-and-fewer-opportunities": (
        "Inclusion and fewer opportunities",
        "Inclusion et personnes ayant moins d’opportunités",
        "Inclusión y personas con menos oportunidades",
        "Inclusió i persones amb menys oportunitats",
        "Inklusion und Menschen mit geringeren Chancen",
        "Inclusione e persone con minori opportunità",
        "Inkludering och personer med begränsade möjligheter",
        "Inclusão e pessoas com menos oportunidades",
        "Inclusie en mensen met minder kansen",
        "Włączenie społeczne i osoby o mniejszych szansach",
    ),
    "green-skills": (
        "Green skills",
        "Compétences vertes",
        "Competencias verdes",
        "Competències verdes",
        "Grüne Kompetenzen",
        "Competenze verdi",
        "Gröna färdigheter",
        "Competências verdes",
        "Groene vaardigheden",
        "Zielone umiejętności",
    ),
    "digital-skills": (
        "Digital skills",
        "Compétences numériques",
        "Competencias digitales",
        "Competències digitals",
        "Digitale Kompetenzen",
        "Competenze digitali",
        "Digitala färdigheter",
        "Competências digitais",
        "Digitale vaardigheden",
        "Umiejętności cyfrowe",
    ),
    "career-guidance": (
        "Career guidance",
        "Orientation professionnelle",
        "Orientación profesional",
        "Orientació professional",
        "Berufsberatung",
        "Orientamento professionale",
        "Studie- och yrkesvägledning",
        "Orientação profissional",
        "Loopbaanbegeleiding",
        "Doradztwo zawodowe",
    ),
    "work-based-learning": (
        "Work-based learning and apprenticeships",
        "Formation en situation de travail et apprentissage",
        "Aprendizaje en el trabajo y formación de aprendices",
        "Aprenentatge en el lloc de treball i formació dual",
        "Arbeitsplatzbasiertes Lernen und Lehrlingsausbildung",
        "Apprendimento basato sul lavoro e apprendistato",
        "Arbetsplatsförlagt lärande och lärlingsutbildning",
        "Aprendizagem em contexto de trabalho e formação de aprendizes",
        "Werkplekleren en duaal leren",
        "Uczenie się w miejscu pracy i przygotowanie zawodowe",
    ),
    "adult-basic-skills": (
        "Adult basic skills",
        "Compétences de base des adultes",
        "Competencias básicas de las personas adultas",
        "Competències bàsiques de les persones adultes",
        "Grundkompetenzen Erwachsener",
        "Competenze di base degli adulti",
        "Grundläggande färdigheter för vuxna",
        "Competências básicas de adultos",
        "Basisvaardigheden van volwassenen",
        "Umiejętności podstawowe dorosłych",
    ),
    "teacher-and-trainer-development": (
        "Teacher and trainer development",
        "Développement professionnel des enseignants et des formateurs",
        "Desarrollo profesional del profesorado y de los formadores",
        "Desenvolupament professional del professorat i dels formadors",
        "Weiterbildung von Lehrkräften und Ausbildenden",
        "Sviluppo professionale di insegnanti e formatori",
        "Kompetensutveckling för lärare och utbildare",
        "Desenvolvimento profissional de professores e formadores",
        "Professionalisering van leraren en opleiders",
        "Rozwój zawodowy nauczycieli i szkoleniowców",
    ),
    "entrepreneurship": (
        "Entrepreneurship",
        "Entrepreneuriat",
        "Emprendimiento",
        "Emprenedoria",
        "Unternehmertum",
        "Imprenditorialità",
        "Entreprenörskap",
        "Empreendedorismo",
        "Ondernemerschap",
        "Przedsiębiorczość",
    ),
    "languages-and-intercultural-skills": (
        "Languages and intercultural skills",
        "Langues et compétences interculturelles",
        "Lenguas y competencias interculturales",
        "Llengües i competències interculturals",
        "Sprachen und interkulturelle Kompetenzen",
        "Lingue e competenze interculturali",
        "Språk och interkulturell kompetens",
        "Línguas e competências interculturais",
        "Talen en interculturele vaardigheden",
        "Języki i kompetencje międzykulturowe",
    ),
    "health-and-care-skills": (
        "Health and care skills",
        "Compétences en santé et en soins",
        "Competencias en salud y cuidados",
        "Competències en salut i cures",
        "Kompetenzen für Gesundheit und Pflege",
        "Competenze sanitarie e di cura",
        "Färdigheter inom vård och omsorg",
        "Competências em saúde e cuidados",
        "Vaardigheden in zorg en welzijn",
        "Umiejętności w ochronie zdrowia i opiece",
    ),
    "tourism-and-hospitality": (
        "Tourism and hospitality",
        "Tourisme et hôtellerie-restauration",
        "Turismo y hostelería",
        "Turisme i hostaleria",
        "Tourismus und Gastgewerbe",
        "Turismo e ospitalità",
        "Turism och besöksnäring",
        "Turismo e hotelaria",
        "Toerisme en horeca",
        "Turystyka i hotelarstwo",
    ),
    "automotive-and-mobility": (
        "Automotive and mobility",
        "Automobile et mobilité",
        "Automoción y movilidad",
        "Automoció i mobilitat",
        "Automobilindustrie und Mobilität",
        "Settore automobilistico e mobilità",
        "Fordonsindustri och mobilitet",
        "Setor automóvel e mobilidade",
        "Automotive en mobiliteit",
        "Motoryzacja i mobilność",
    ),
    "agri-food": (
        "Agri-food",
        "Agroalimentaire",
        "Agroalimentación",
        "Agroalimentació",
        "Agrar- und Lebensmittelwirtschaft",
        "Agroalimentare",
        "Jordbruk och livsmedel",
        "Agroalimentar",
        "Agrifood",
        "Sektor rolno-spożywczy",
    ),
    "construction-and-renovation": (
        "Construction and energy renovation",
        "Construction et rénovation énergétique",
        "Construcción y rehabilitación energética",
        "Construcció i rehabilitació energètica",
        "Bau und energetische Sanierung",
        "Edilizia e riqualificazione energetica",
        "Bygg och energirenovering",
        "Construção e renovação energética",
        "Bouw en energierenovatie",
        "Budownictwo i renowacja energetyczna",
    ),
    "validation-of-prior-learning": (
        "Validation of prior learning",
        "Validation des acquis",
        "Validación de aprendizajes previos",
        "Validació d’aprenentatges previs",
        "Validierung von Vorkenntnissen",
        "Validazione degli apprendimenti pregressi",
        "Validering av tidigare lärande",
        "Validação de aprendizagens prévias",
        "Erkenning van eerder verworven competenties",
        "Walidacja wcześniejszego uczenia się",
    ),
}

FORMATS = {
    "study-visit": (
        "Study visit",
        "Visite d’étude",
        "Visita de estudio",
        "Visita d’estudi",
        "Studienbesuch",
        "Visita di studio",
        "Studiebesök",
        "Visita de estudo",
        "Studiebezoek",
        "Wizyta studyjna",
    ),
    "staff-job-shadowing": (
        "Staff job shadowing",
        "Observation en situation de travail (job shadowing) du personnel",
        "Aprendizaje por observación (job shadowing) del personal",
        "Observació en el lloc de treball (job shadowing) del personal",
        "Job-Shadowing für Personal",
        "Job shadowing del personale",
        "Jobbskuggning för personal",
        "Observação em contexto de trabalho (job shadowing) do pessoal",
        "Jobshadowing voor personeel",
        "Job shadowing (obserwacja pracy) dla kadry",
    ),
    "teaching-or-training-assignment": (
        "Teaching or training assignment",
        "Mission d’enseignement ou de formation",
        "Misión de enseñanza o formación",
        "Missió de docència o formació",
        "Lehr- oder Ausbildungstätigkeit",
        "Incarico di insegnamento o formazione",
        "Undervisnings- eller utbildningsuppdrag",
        "Missão de ensino ou formação",
        "Onderwijs- of opleidingsopdracht",
        "Prowadzenie zajęć lub szkoleń",
    ),
    "staff-course": (
        "Course or training for staff",
        "Cours ou formation pour le personnel",
        "Curso o formación para el personal",
        "Curs o formació per al personal",
        "Kurs oder Fortbildung für Personal",
        "Corso o formazione per il personale",
        "Kurs eller utbildning för personal",
        "Curso ou formação para o pessoal",
        "Cursus of opleiding voor personeel",
        "Kurs lub szkolenie dla kadry",
    ),
    "vet-learner-mobility": (
        "VET learner mobility (short-term)",
        "Mobilité des apprenants de l’EFP (courte durée)",
        "Movilidad de estudiantes de FP (corta duración)",
        "Mobilitat d’alumnes d’FP (curta durada)",
        "Mobilität von Lernenden in der Berufsbildung (kurzfristig)",
        "Mobilità dei discenti dell’IFP (breve durata)",
        "Mobilitet för elever inom yrkesutbildning (kortvarig)",
        "Mobilidade de formandos do EFP (curta duração)",
        "Mobiliteit van leerlingen in het beroepsonderwijs (korte duur)",
        "Mobilność uczniów kształcenia zawodowego (krótkoterminowa)",
    ),
    "erasmuspro": (
        "Long-term VET mobility (ErasmusPro)",
        "Mobilité de longue durée dans l’EFP (ErasmusPro)",
        "Movilidad de larga duración en FP (ErasmusPro)",
        "Mobilitat de llarga durada en FP (ErasmusPro)",
        "Langfristige Mobilität in der Berufsbildung (ErasmusPro)",
        "Mobilità di lunga durata nell’IFP (ErasmusPro)",
        "Långvarig mobilitet inom yrkesutbildning (ErasmusPro)",
        "Mobilidade de longa duração no EFP (ErasmusPro)",
        "Langdurige mobiliteit in het beroepsonderwijs (ErasmusPro)",
        "Długoterminowa mobilność w kształceniu zawodowym (ErasmusPro)",
    ),
    "apprenticeship-mobility": (
        "Apprenticeship mobility",
        "Mobilité des apprentis",
        "Movilidad de aprendices",
        "Mobilitat d’aprenents",
        "Mobilität von Auszubildenden",
        "Mobilità degli apprendisti",
        "Mobilitet för lärlingar",
        "Mobilidade de aprendizes",
        "Mobiliteit van duaal lerenden",
        "Mobilność praktykantów",
    ),
    "adult-learner-mobility": (
        "Adult-learner mobility",
        "Mobilité des apprenants adultes",
        "Movilidad de estudiantes adultos",
        "Mobilitat de persones adultes en formació",
        "Mobilität erwachsener Lernender",
        "Mobilità dei discenti adulti",
        "Mobilitet för vuxenstuderande",
        "Mobilidade de aprendentes adultos",
        "Mobiliteit van volwassen lerenden",
        "Mobilność osób dorosłych uczących się",
    ),
    "peer-learning-activity": (
        "Peer-learning activity",
        "Activité d’apprentissage par les pairs",
        "Actividad de aprendizaje entre iguales",
        "Activitat d’aprenentatge entre iguals",
        "Peer-Learning-Aktivität",
        "Attività di apprendimento tra pari",
        "Aktivitet för kollegialt lärande",
        "Atividade de aprendizagem entre pares",
        "Peer-learningactiviteit",
        "Działanie w zakresie wzajemnego uczenia się",
    ),
    "virtual-exchange": (
        "Virtual exchange",
        "Échange virtuel",
        "Intercambio virtual",
        "Intercanvi virtual",
        "Virtueller Austausch",
        "Scambio virtuale",
        "Virtuellt utbyte",
        "Intercâmbio virtual",
        "Virtuele uitwisseling",
        "Wymiana wirtualna",
    ),
}

TARGET_GROUPS = {
    "vet-learners": (
        "VET learners",
        "Apprenants de l’EFP",
        "Estudiantes de FP",
        "Alumnes d’FP",
        "Lernende in der Berufsbildung",
        "Discenti dell’IFP",
        "Elever inom yrkesutbildning",
        "Formandos do EFP",
        "Leerlingen in het beroepsonderwijs",
        "Uczniowie kształcenia zawodowego",
    ),
    "apprentices": (
        "Apprentices",
        "Apprentis",
        "Aprendices",
        "Aprenents",
        "Auszubildende",
        "Apprendisti",
        "Lärlingar",
        "Aprendizes",
        "Duaal lerenden",
        "Praktykanci",
    ),
    "adult-learners": (
        "Adult learners",
        "Apprenants adultes",
        "Personas adultas en formación",
        "Persones adultes en formació",
        "Erwachsene Lernende",
        "Discenti adulti",
        "Vuxenstuderande",
        "Aprendentes adultos",
        "Volwassen lerenden",
        "Dorośli uczący się",
    ),
    "teachers-and-trainers": (
        "Teachers and trainers",
        "Enseignants et formateurs",
        "Profesorado y formadores",
        "Professorat i formadors",
        "Lehrkräfte und Ausbildende",
        "Insegnanti e formatori",
        "Lärare och utbildare",
        "Professores e formadores",
        "Leraren en opleiders",
        "Nauczyciele i szkoleniowcy",
    ),
    "guidance-staff": (
        "Guidance staff",
        "Conseillers d’orientation",
        "Personal de orientación",
        "Personal d’orientació",
        "Fachkräfte der Bildungs- und Berufsberatung",
        "Operatori dell’orientamento",
        "Studie- och yrkesvägledare",
        "Profissionais de orientação",
        "Loopbaanbegeleiders",
        "Doradcy zawodowi",
    ),
    "policy-makers-and-regional-staff": (
        "Policy makers and regional staff",
        "Responsables politiques et personnel des régions",
        "Responsables políticos y personal regional",
        "Responsables polítics i personal regional",
        "Entscheidungsträger und Personal der Regionen",
        "Decisori politici e personale regionale",
        "Beslutsfattare och regional personal",
        "Decisores políticos e pessoal regional",
        "Beleidsmakers en regionaal personeel",
        "Decydenci i pracownicy administracji regionalnej",
    ),
    "people-with-fewer-opportunities": (
        "People with fewer opportunities",
        "Personnes ayant moins d’opportunités",
        "Personas con menos oportunidades",
        "Persones amb menys oportunitats",
        "Menschen mit geringeren Chancen",
        "Persone con minori opportunità",
        "Personer med begränsade möjligheter",
        "Pessoas com menos oportunidades",
        "Mensen met minder kansen",
        "Osoby o mniejszych szansach",
    ),
}

# code: (English, then the names in ORDER). Started from Django's own catalogues,
# corrected where they are wrong (Swedish "Lettiska" for Lithuanian) and written
# with a capital, as in a list.
LANGUAGES = {
    "bg": ("Bulgarian", "Bulgare", "Búlgaro", "Búlgar", "Bulgarisch", "Bulgaro", "Bulgariska", "Búlgaro", "Bulgaars", "Bułgarski"),
    "hr": ("Croatian", "Croate", "Croata", "Croat", "Kroatisch", "Croato", "Kroatiska", "Croata", "Kroatisch", "Chorwacki"),
    "cs": ("Czech", "Tchèque", "Checo", "Txec", "Tschechisch", "Ceco", "Tjeckiska", "Checo", "Tsjechisch", "Czeski"),
    "da": ("Danish", "Danois", "Danés", "Danès", "Dänisch", "Danese", "Danska", "Dinamarquês", "Deens", "Duński"),
    "nl": ("Dutch", "Néerlandais", "Neerlandés", "Neerlandès", "Niederländisch", "Neerlandese", "Nederländska", "Neerlandês", "Nederlands", "Niderlandzki"),
    "en": ("English", "Anglais", "Inglés", "Anglès", "Englisch", "Inglese", "Engelska", "Inglês", "Engels", "Angielski"),
    "et": ("Estonian", "Estonien", "Estonio", "Estonià", "Estnisch", "Estone", "Estniska", "Estónio", "Estisch", "Estoński"),
    "fi": ("Finnish", "Finnois", "Finés", "Finès", "Finnisch", "Finlandese", "Finska", "Finlandês", "Fins", "Fiński"),
    "fr": ("French", "Français", "Francés", "Francès", "Französisch", "Francese", "Franska", "Francês", "Frans", "Francuski"),
    "de": ("German", "Allemand", "Alemán", "Alemany", "Deutsch", "Tedesco", "Tyska", "Alemão", "Duits", "Niemiecki"),
    "el": ("Greek", "Grec", "Griego", "Grec", "Griechisch", "Greco", "Grekiska", "Grego", "Grieks", "Grecki"),
    "hu": ("Hungarian", "Hongrois", "Húngaro", "Hongarès", "Ungarisch", "Ungherese", "Ungerska", "Húngaro", "Hongaars", "Węgierski"),
    "ga": ("Irish", "Irlandais", "Irlandés", "Irlandès", "Irisch", "Irlandese", "Iriska", "Irlandês", "Iers", "Irlandzki"),
    "it": ("Italian", "Italien", "Italiano", "Italià", "Italienisch", "Italiano", "Italienska", "Italiano", "Italiaans", "Włoski"),
    "lv": ("Latvian", "Letton", "Letón", "Letó", "Lettisch", "Lettone", "Lettiska", "Letão", "Lets", "Łotewski"),
    "lt": ("Lithuanian", "Lituanien", "Lituano", "Lituà", "Litauisch", "Lituano", "Litauiska", "Lituano", "Litouws", "Litewski"),
    "mt": ("Maltese", "Maltais", "Maltés", "Maltès", "Maltesisch", "Maltese", "Maltesiska", "Maltês", "Maltees", "Maltański"),
    "pl": ("Polish", "Polonais", "Polaco", "Polonès", "Polnisch", "Polacco", "Polska", "Polaco", "Pools", "Polski"),
    "pt": ("Portuguese", "Portugais", "Portugués", "Portuguès", "Portugiesisch", "Portoghese", "Portugisiska", "Português", "Portugees", "Portugalski"),
    "ro": ("Romanian", "Roumain", "Rumano", "Romanès", "Rumänisch", "Rumeno", "Rumänska", "Romeno", "Roemeens", "Rumuński"),
    "sk": ("Slovak", "Slovaque", "Eslovaco", "Eslovac", "Slowakisch", "Slovacco", "Slovakiska", "Eslovaco", "Slowaaks", "Słowacki"),
    "sl": ("Slovenian", "Slovène", "Esloveno", "Eslovè", "Slowenisch", "Sloveno", "Slovenska", "Esloveno", "Sloveens", "Słoweński"),
    "es": ("Spanish", "Espagnol", "Español", "Castellà", "Spanisch", "Spagnolo", "Spanska", "Espanhol", "Spaans", "Hiszpański"),
    "sv": ("Swedish", "Suédois", "Sueco", "Suec", "Schwedisch", "Svedese", "Svenska", "Sueco", "Zweeds", "Szwedzki"),
    "ca": ("Catalan", "Catalan", "Catalán", "Català", "Katalanisch", "Catalano", "Katalanska", "Catalão", "Catalaans", "Kataloński"),
    "eu": ("Basque", "Basque", "Vasco", "Basc", "Baskisch", "Basco", "Baskiska", "Basco", "Baskisch", "Baskijski"),
    "gl": ("Galician", "Galicien", "Gallego", "Gallec", "Galicisch", "Galiziano", "Galiciska", "Galego", "Galicisch", "Galicyjski"),
    "no": ("Norwegian", "Norvégien", "Noruego", "Noruec", "Norwegisch", "Norvegese", "Norska", "Norueguês", "Noors", "Norweski"),
    "is": ("Icelandic", "Islandais", "Islandés", "Islandès", "Isländisch", "Islandese", "Isländska", "Islandês", "IJslands", "Islandzki"),
    "tr": ("Turkish", "Turc", "Turco", "Turc", "Türkisch", "Turco", "Turkiska", "Turco", "Turks", "Turecki"),
    "uk": ("Ukrainian", "Ukrainien", "Ucraniano", "Ucraïnès", "Ukrainisch", "Ucraino", "Ukrainska", "Ucraniano", "Oekraïens", "Ukraiński"),
    "mk": ("Macedonian", "Macédonien", "Macedonio", "Macedoni", "Mazedonisch", "Macedone", "Makedonska", "Macedónio", "Macedonisch", "Macedoński"),
    "sr": ("Serbian", "Serbe", "Serbio", "Serbi", "Serbisch", "Serbo", "Serbiska", "Sérvio", "Servisch", "Serbski"),
    "sq": ("Albanian", "Albanais", "Albanés", "Albanès", "Albanisch", "Albanese", "Albanska", "Albanês", "Albanees", "Albański"),
}


def _base_names(model):
    rows = model.objects.all()
    if hasattr(rows, "rewrite"):
        # The app registry's model (tests/conftest.py, after a flush) reads
        # `name` in the active language unless told not to.
        rows = rows.rewrite(False)
    return dict(rows.values_list("pk", "name"))


def _translate(model, key, table):
    base = _base_names(model)
    changed = []
    for term in model.objects.all():
        fields = []
        if not term.name_en:
            term.name_en = base[term.pk]
            fields.append("name_en")
        shipped = table.get(getattr(term, key))
        if shipped and term.name_en == shipped[0]:
            for code, name in zip(ORDER, shipped[1:], strict=True):
                if not getattr(term, f"name_{code}"):
                    setattr(term, f"name_{code}", name)
                    fields.append(f"name_{code}")
        if fields:
            changed.append(term)
    fields = ["name_en"] + [f"name_{code}" for code in ORDER]
    model.objects.bulk_update(changed, fields, batch_size=100)


def add_translations(apps, schema_editor):
    _translate(apps.get_model("taxonomy", "Theme"), "slug", THEMES)
    _translate(apps.get_model("taxonomy", "Format"), "slug", FORMATS)
    _translate(apps.get_model("taxonomy", "TargetGroup"), "slug", TARGET_GROUPS)
    _translate(apps.get_model("taxonomy", "Language"), "code", LANGUAGES)


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0004_names_per_language"),
    ]

    operations = [
        migrations.RunPython(add_translations, migrations.RunPython.noop),
    ]
