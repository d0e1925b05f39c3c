"""Demonstration practices: many realistic ones, quickly, for trying the finder and measuring it.

Texts are put together from phrase banks per theme, written in the six languages of the platform
and aligned entry by entry, so that a practice and its translation say the same thing. A seeded
random generator decides everything, so a seed always yields the same practices. Rows are
bulk-created in batches, one transaction per batch; each practice gets one audit event (its
snapshot, by "demo-data"), its rows in the practices' text index and, once published, in the
site-wide search.
"""

import datetime
import itertools
import json
import math
import multiprocessing
import random
import re
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from queue import Empty
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from migforum.accounts.models import Role
from migforum.core.audit import record_create, snapshot
from migforum.core.choices import RoleKind
from migforum.core.models import AuditAction, AuditEvent
from migforum.core.search.registry import spec_for
from migforum.core.search.service import index_objects
from migforum.core.search.text import fold
from migforum.members.choices import OrganizationKind
from migforum.members.models import Organization, State

from . import text_index
from .choices import (
    CountryRole,
    Criterion,
    Decision,
    ImplementationStatus,
    Level,
    ReviewStatus,
    Theme,
)
from .models import (
    EDITABLE_FIELDS,
    TEXT_FIELDS,
    Practice,
    PracticeCountry,
    PracticePartner,
    PracticeTranslation,
    PracticeVersion,
    Review,
    ReviewAssignment,
)

ACTOR = "demo-data"
DEFAULT_SEED = 2006
BATCH_SIZE = 2000

#: The order of the languages in every phrase below.
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")
#: Share of practices written in each language.
LANGUAGE_WEIGHTS = (52, 16, 16, 6, 5, 5)

P = tuple[str, str, str, str, str, str]


@dataclass(frozen=True)
class ThemeBank:
    """What practices on one theme are about: each entry in the six languages."""

    #: Noun phrases that head a title.
    topics: tuple[P, ...]
    #: Who benefits, as it reads after "for" (in Russian: the genitive, after "для").
    groups: tuple[P, ...]
    #: What the programme does: a verb phrase in the third person, after "The programme".
    actions: tuple[P, ...]
    #: Results, with {n} (a count) and {pct} (a percentage).
    results: tuple[P, ...]
    #: The situation the practice answers.
    problems: tuple[P, ...]
    objectives: tuple[int, ...]
    sdgs: tuple[str, ...]


# Each phrase is one line, its six languages side by side.
# fmt: off
BANKS: dict[str, ThemeBank] = {
    Theme.REMITTANCES: ThemeBank(
        topics=(
            ("low-cost remittance transfers", "transferts de fonds à faible coût", "remesas de bajo costo", "تحويلات مالية منخفضة التكلفة", "недорогие денежные переводы", "低成本汇款"),  # noqa: E501
            ("savings for development accounts", "comptes d'épargne pour le développement", "cuentas de ahorro para el desarrollo", "حسابات الادخار من أجل التنمية", "сберегательные счета для развития", "发展储蓄账户"),  # noqa: E501
            ("matching funds for hometown associations", "fonds de contrepartie pour les associations de ressortissants", "fondos de contrapartida para asociaciones de oriundos", "صناديق مطابقة لجمعيات أبناء البلدة", "софинансирование проектов землячеств", "家乡协会配套基金"),  # noqa: E501
            ("financial literacy for migrant families", "éducation financière des familles de migrants", "educación financiera para familias migrantes", "التثقيف المالي لأسر المهاجرين", "финансовая грамотность семей мигрантов", "移民家庭金融知识教育"),  # noqa: E501
            ("mobile money for cross-border payments", "paiements transfrontaliers par téléphone mobile", "dinero móvil para pagos transfronterizos", "الأموال عبر الهاتف المحمول للمدفوعات العابرة للحدود", "мобильные деньги для трансграничных платежей", "跨境移动支付"),  # noqa: E501
            ("remittance price comparison website", "site de comparaison des coûts d'envoi d'argent", "portal de comparación de costos de remesas", "موقع لمقارنة تكاليف التحويلات", "сайт сравнения стоимости переводов", "汇款费用比较网站"),  # noqa: E501
        ),
        groups=(
            ("migrant workers and their families", "les travailleurs migrants et leurs familles", "los trabajadores migrantes y sus familias", "العمال المهاجرين وأسرهم", "трудовых мигрантов и их семей", "移民工人及其家庭"),  # noqa: E501
            ("rural households that receive remittances", "les ménages ruraux bénéficiaires de transferts", "los hogares rurales receptores de remesas", "الأسر الريفية المستفيدة من التحويلات", "сельских домохозяйств, получающих переводы", "接收汇款的农村家庭"),  # noqa: E501
            ("women who send money home", "les femmes qui envoient de l'argent au pays", "las mujeres que envían dinero a su país", "النساء اللواتي يرسلن الأموال إلى بلدانهن", "женщин, отправляющих деньги на родину", "向家乡汇款的妇女"),  # noqa: E501
        ),
        actions=(
            ("lowers the cost of sending remittances through licensed banks and post offices", "réduit le coût des envois de fonds grâce aux banques agréées et aux bureaux de poste", "reduce el costo del envío de remesas a través de bancos autorizados y oficinas de correos", "يخفض تكلفة إرسال التحويلات عبر المصارف المرخصة ومكاتب البريد", "снижает стоимость денежных переводов через лицензированные банки и почтовые отделения", "通过持牌银行和邮局降低汇款成本"),  # noqa: E501
            ("channels migrants' savings into housing and small businesses at home", "oriente l'épargne des migrants vers le logement et les petites entreprises au pays", "canaliza los ahorros de los migrantes hacia la vivienda y las pequeñas empresas en el país de origen", "يوجه مدخرات المهاجرين نحو السكن والمشاريع الصغيرة في بلدانهم", "направляет сбережения мигрантов на жильё и малый бизнес на родине", "将移民储蓄引导至家乡的住房和小企业"),  # noqa: E501
            ("matches each dollar collected by migrant associations with public funds for local infrastructure", "complète chaque euro collecté par les associations de migrants par des fonds publics pour les infrastructures locales", "iguala cada peso reunido por las asociaciones de migrantes con fondos públicos para infraestructura local", "يضاعف كل مبلغ تجمعه جمعيات المهاجرين بأموال عامة للبنية التحتية المحلية", "дополняет средства, собранные объединениями мигрантов, государственным финансированием местной инфраструктуры", "以公共资金配套移民协会筹集的每一笔资金，用于地方基础设施"),  # noqa: E501
            ("teaches budgeting, saving and the safe use of money transfer services", "enseigne la gestion du budget, l'épargne et l'usage sûr des services de transfert d'argent", "enseña a elaborar presupuestos, ahorrar y usar con seguridad los servicios de transferencia de dinero", "يعلّم إعداد الميزانية والادخار والاستخدام الآمن لخدمات تحويل الأموال", "обучает планированию бюджета, сбережению и безопасному использованию услуг денежных переводов", "教授预算编制、储蓄和安全使用汇款服务"),  # noqa: E501
        ),
        results=(
            ("{n} accounts were opened and the average cost of a transfer fell by {pct}%.", "{n} comptes ont été ouverts et le coût moyen d'un transfert a baissé de {pct} %.", "Se abrieron {n} cuentas y el costo medio de un envío bajó un {pct} %.", "فُتح {n} حساب وانخفض متوسط تكلفة التحويل بنسبة {pct}٪.", "Открыто {n} счетов, средняя стоимость перевода снизилась на {pct}%.", "共开设{n}个账户，平均汇款成本下降{pct}%。"),  # noqa: E501
            ("Remittances sent through formal channels rose by {pct}% in three years.", "Les envois de fonds par les circuits formels ont augmenté de {pct} % en trois ans.", "Las remesas enviadas por canales formales aumentaron un {pct} % en tres años.", "ارتفعت التحويلات عبر القنوات الرسمية بنسبة {pct}٪ خلال ثلاث سنوات.", "Объём переводов по официальным каналам вырос на {pct}% за три года.", "三年内通过正规渠道汇款增长{pct}%。"),  # noqa: E501
            ("{n} community projects, from schools to water systems, were co-financed.", "{n} projets communautaires, des écoles aux réseaux d'eau, ont été cofinancés.", "Se cofinanciaron {n} proyectos comunitarios, desde escuelas hasta sistemas de agua.", "تم تمويل {n} مشروعاً مجتمعياً بشكل مشترك، من المدارس إلى شبكات المياه.", "Софинансировано {n} общественных проектов — от школ до систем водоснабжения.", "共同资助了{n}个社区项目，从学校到供水系统。"),  # noqa: E501
        ),
        problems=(
            ("High transfer fees absorbed a large share of the money migrants sent home.", "Des frais de transfert élevés absorbaient une grande part de l'argent envoyé par les migrants.", "Las altas comisiones absorbían una gran parte del dinero que los migrantes enviaban a casa.", "كانت رسوم التحويل المرتفعة تستهلك جزءاً كبيراً من الأموال التي يرسلها المهاجرون.", "Высокие комиссии поглощали значительную часть денег, которые мигранты отправляли домой.", "高昂的汇款手续费吞噬了移民汇回家乡资金的很大一部分。"),  # noqa: E501
            ("Most remittances were spent on daily consumption and few families had access to credit or savings products.", "La plupart des transferts servaient à la consommation courante et peu de familles avaient accès au crédit ou à l'épargne.", "La mayoría de las remesas se destinaba al consumo diario y pocas familias tenían acceso a crédito o ahorro.", "كانت معظم التحويلات تُنفق على الاستهلاك اليومي، ولم تكن لدى سوى قلة من الأسر إمكانية الحصول على القروض أو منتجات الادخار.", "Большая часть переводов тратилась на текущее потребление, и лишь немногие семьи имели доступ к кредитам и сбережениям.", "大部分汇款用于日常消费，很少有家庭能够获得信贷或储蓄产品。"),  # noqa: E501
        ),
        objectives=(20, 19, 15),
        sdgs=("10.c", "17.3"),
    ),
    Theme.DIASPORA: ThemeBank(
        topics=(
            ("diaspora bonds", "obligations de la diaspora", "bonos de la diáspora", "سندات المغتربين", "облигации для диаспоры", "侨民债券"),  # noqa: E501
            ("skills database of highly qualified emigrants", "base de données des compétences des émigrés hautement qualifiés", "base de datos de competencias de emigrantes altamente calificados", "قاعدة بيانات لمهارات المهاجرين ذوي الكفاءات العالية", "база данных о квалификации высококвалифицированных эмигрантов", "高技能移民人才数据库"),  # noqa: E501
            ("co-development projects with migrant associations", "projets de codéveloppement avec les associations de migrants", "proyectos de codesarrollo con asociaciones de migrantes", "مشاريع التنمية المشتركة مع جمعيات المهاجرين", "проекты совместного развития с объединениями мигрантов", "与移民协会合作的共同发展项目"),  # noqa: E501
            ("temporary return of qualified nationals (TOKTEN)", "retour temporaire de nationaux qualifiés (TOKTEN)", "retorno temporal de nacionales calificados (TOKTEN)", "العودة المؤقتة للكفاءات الوطنية (TOKTEN)", "временное возвращение квалифицированных соотечественников (TOKTEN)", "合格侨民短期回国服务（TOKTEN）"),  # noqa: E501
            ("dual citizenship and voting rights abroad", "double nationalité et droit de vote à l'étranger", "doble nacionalidad y derecho de voto en el exterior", "ازدواج الجنسية وحق التصويت في الخارج", "двойное гражданство и право голоса за рубежом", "双重国籍和海外投票权"),  # noqa: E501
            ("biennial diaspora conferences", "conférences biennales de la diaspora", "conferencias bienales de la diáspora", "مؤتمرات المغتربين كل سنتين", "конференции диаспоры раз в два года", "两年一次的侨民大会"),  # noqa: E501
        ),
        groups=(
            ("citizens abroad and their descendants", "les citoyens à l'étranger et leurs descendants", "los ciudadanos en el exterior y sus descendientes", "المواطنين في الخارج وذريتهم", "граждан за рубежом и их потомков", "海外公民及其后代"),  # noqa: E501
            ("diaspora entrepreneurs", "les entrepreneurs de la diaspora", "los emprendedores de la diáspora", "رواد الأعمال من المغتربين", "предпринимателей из диаспоры", "侨民企业家"),  # noqa: E501
            ("second- and third-generation migrants", "les migrants de deuxième et troisième générations", "los migrantes de segunda y tercera generación", "المهاجرين من الجيلين الثاني والثالث", "мигрантов второго и третьего поколений", "第二代和第三代移民"),  # noqa: E501
        ),
        actions=(
            ("raises long-term finance for infrastructure from the savings of the diaspora", "mobilise l'épargne de la diaspora pour financer des infrastructures à long terme", "moviliza los ahorros de la diáspora para financiar infraestructura a largo plazo", "يعبئ مدخرات المغتربين لتمويل البنية التحتية على المدى الطويل", "привлекает сбережения диаспоры для долгосрочного финансирования инфраструктуры", "动员侨民储蓄为基础设施提供长期融资"),  # noqa: E501
            ("brings expatriate doctors, engineers and teachers home for short assignments", "fait revenir des médecins, ingénieurs et enseignants expatriés pour des missions de courte durée", "trae de vuelta a médicos, ingenieros y docentes expatriados para misiones cortas", "يعيد الأطباء والمهندسين والمعلمين المغتربين في مهام قصيرة", "приглашает врачей, инженеров и преподавателей из-за рубежа на краткосрочные командировки", "邀请海外医生、工程师和教师回国开展短期工作"),  # noqa: E501
            ("supports migrant-led enterprises that create jobs at origin and destination", "soutient les entreprises créées par des migrants qui génèrent des emplois au départ et à l'arrivée", "apoya a empresas dirigidas por migrantes que crean empleo en origen y destino", "يدعم المشاريع التي يقودها المهاجرون والتي توفر فرص عمل في بلدان المنشأ والمقصد", "поддерживает предприятия мигрантов, создающие рабочие места в странах происхождения и назначения", "支持移民创办的企业在来源国和目的国创造就业"),  # noqa: E501
            ("connects diaspora associations with local governments through a dedicated office", "met en relation les associations de la diaspora et les collectivités locales par un bureau dédié", "vincula a las asociaciones de la diáspora con los gobiernos locales mediante una oficina especializada", "يربط جمعيات المغتربين بالحكومات المحلية عبر مكتب مخصص", "связывает объединения диаспоры с органами местного самоуправления через специальное бюро", "通过专门办公室将侨民协会与地方政府联系起来"),  # noqa: E501
        ),
        results=(
            ("{n} nationals abroad subscribed the first issue, which raised {pct} million dollars.", "{n} ressortissants à l'étranger ont souscrit la première émission, qui a levé {pct} millions de dollars.", "{n} nacionales en el exterior suscribieron la primera emisión, que recaudó {pct} millones de dólares.", "اكتتب {n} من المواطنين في الخارج في الإصدار الأول الذي جمع {pct} مليون دولار.", "{n} соотечественников за рубежом приобрели облигации первого выпуска на сумму {pct} млн долларов.", "{n}名海外侨民认购了首期债券，共筹集资金{pct}百万美元。"),  # noqa: E501
            ("{n} expatriate experts completed assignments in universities and hospitals.", "{n} experts expatriés ont effectué des missions dans des universités et des hôpitaux.", "{n} expertos expatriados realizaron misiones en universidades y hospitales.", "أنجز {n} خبيراً مغترباً مهام في الجامعات والمستشفيات.", "{n} специалистов из-за рубежа поработали в университетах и больницах.", "{n}名海外专家在大学和医院完成了工作任务。"),  # noqa: E501
            ("{pct}% of the projects supported were still running five years later.", "{pct} % des projets soutenus fonctionnaient encore cinq ans plus tard.", "El {pct} % de los proyectos apoyados seguía funcionando cinco años después.", "كانت {pct}٪ من المشاريع المدعومة لا تزال قائمة بعد خمس سنوات.", "{pct}% поддержанных проектов продолжали работать спустя пять лет.", "{pct}%的受资助项目五年后仍在运行。"),  # noqa: E501
        ),
        problems=(
            ("Ties with citizens abroad were weak and the State knew little about their skills.", "Les liens avec les citoyens à l'étranger étaient faibles et l'État connaissait mal leurs compétences.", "Los vínculos con los ciudadanos en el exterior eran débiles y el Estado sabía poco de sus competencias.", "كانت الروابط مع المواطنين في الخارج ضعيفة ولم تكن الدولة تعرف الكثير عن مهاراتهم.", "Связи с гражданами за рубежом были слабыми, а государство мало знало об их квалификации.", "与海外公民的联系薄弱，国家对其技能知之甚少。"),  # noqa: E501
            ("The departure of doctors and engineers left gaps that training alone could not fill.", "Le départ de médecins et d'ingénieurs laissait des vides que la formation seule ne pouvait combler.", "La salida de médicos e ingenieros dejaba vacíos que la formación por sí sola no podía cubrir.", "خلّف رحيل الأطباء والمهندسين فجوات لم يكن التدريب وحده قادراً على سدها.", "Отъезд врачей и инженеров оставлял пробелы, которые одно лишь обучение не могло восполнить.", "医生和工程师的外流造成了仅靠培训无法填补的缺口。"),  # noqa: E501
        ),
        objectives=(19, 14, 18),
        sdgs=("17.3", "10.7"),
    ),
    Theme.RETURN: ThemeBank(
        topics=(
            ("reintegration support for returning migrants", "aide à la réintégration des migrants de retour", "apoyo a la reintegración de migrantes retornados", "دعم إعادة إدماج المهاجرين العائدين", "помощь в реинтеграции вернувшихся мигрантов", "回返移民重新融入支持"),  # noqa: E501
            ("start-up grants for returnee businesses", "subventions de démarrage pour les entreprises de migrants de retour", "capital semilla para negocios de retornados", "منح بدء المشاريع للعائدين", "стартовые гранты для предприятий вернувшихся мигрантов", "回返者创业补助金"),  # noqa: E501
            ("Migration for Development in Africa (MIDA)", "Migrations pour le développement en Afrique (MIDA)", "Migración para el Desarrollo en África (MIDA)", "الهجرة من أجل التنمية في أفريقيا (MIDA)", "Миграция в интересах развития в Африке (MIDA)", "非洲移民促进发展（MIDA）"),  # noqa: E501
            ("assisted voluntary return and reintegration", "retour volontaire assisté et réintégration", "retorno voluntario asistido y reintegración", "العودة الطوعية المدعومة وإعادة الإدماج", "содействие добровольному возвращению и реинтеграции", "协助自愿返回和重新融入"),  # noqa: E501
            ("job placement for returnees", "placement professionnel des personnes de retour", "intermediación laboral para retornados", "التوظيف للعائدين", "трудоустройство вернувшихся граждан", "回返者就业安置"),  # noqa: E501
            ("return of health professionals", "retour des professionnels de santé", "retorno de profesionales de la salud", "عودة المهنيين الصحيين", "возвращение медицинских работников", "卫生专业人员回国"),  # noqa: E501
        ),
        groups=(
            ("returning migrants", "les migrants de retour", "los migrantes retornados", "المهاجرين العائدين", "вернувшихся мигрантов", "回返移民"),  # noqa: E501
            ("nurses and medical doctors trained abroad", "les infirmiers et médecins formés à l'étranger", "los enfermeros y médicos formados en el extranjero", "الممرضين والأطباء المدربين في الخارج", "медсестёр и врачей, получивших подготовку за рубежом", "在国外接受培训的护士和医生"),  # noqa: E501
            ("elderly migrants coming home for good", "les migrants âgés qui rentrent définitivement", "los migrantes mayores que regresan definitivamente", "المهاجرين المسنين العائدين نهائياً", "пожилых мигрантов, возвращающихся навсегда", "永久回国的老年移民"),  # noqa: E501
        ),
        actions=(
            ("provides training, counselling and credit to set up small businesses after return", "offre formation, conseil et crédit pour créer une petite entreprise après le retour", "ofrece formación, asesoría y crédito para crear pequeños negocios tras el retorno", "يوفر التدريب والإرشاد والقروض لإنشاء مشاريع صغيرة بعد العودة", "предоставляет обучение, консультации и кредиты для открытия малого бизнеса после возвращения", "为回国后创办小企业提供培训、咨询和信贷"),  # noqa: E501
            ("gives access to land and credit for returnees who invest in agriculture", "donne accès à la terre et au crédit aux personnes de retour qui investissent dans l'agriculture", "da acceso a tierra y crédito a los retornados que invierten en la agricultura", "يتيح الحصول على الأراضي والقروض للعائدين الذين يستثمرون في الزراعة", "даёт доступ к земле и кредитам вернувшимся, которые вкладывают средства в сельское хозяйство", "为投资农业的回返者提供土地和信贷"),  # noqa: E501
            ("recognizes skills acquired abroad and places returnees in jobs", "reconnaît les compétences acquises à l'étranger et place les personnes de retour dans l'emploi", "reconoce las competencias adquiridas en el exterior y coloca a los retornados en empleos", "يعترف بالمهارات المكتسبة في الخارج ويوفر وظائف للعائدين", "признаёт навыки, приобретённые за рубежом, и трудоустраивает вернувшихся", "认可在国外获得的技能并为回返者安排工作"),  # noqa: E501
            ("organizes safe and dignified return with psychosocial support on arrival", "organise un retour sûr et digne avec un soutien psychosocial à l'arrivée", "organiza un retorno seguro y digno con apoyo psicosocial a la llegada", "ينظم عودة آمنة وكريمة مع دعم نفسي واجتماعي عند الوصول", "организует безопасное и достойное возвращение с психосоциальной поддержкой по прибытии", "组织安全、有尊严的返回，并在抵达时提供心理社会支持"),  # noqa: E501
        ),
        results=(
            ("{n} returnees set up businesses, {pct}% of them still trading after three years.", "{n} personnes de retour ont créé une entreprise, dont {pct} % étaient toujours en activité trois ans plus tard.", "{n} retornados crearon negocios y el {pct} % seguía activo tres años después.", "أنشأ {n} من العائدين مشاريع، ولا تزال {pct}٪ منها تعمل بعد ثلاث سنوات.", "{n} вернувшихся открыли своё дело, {pct}% предприятий работали и через три года.", "{n}名回返者创办了企业，其中{pct}%三年后仍在经营。"),  # noqa: E501
            ("{n} health professionals returned, temporarily or for good.", "{n} professionnels de santé sont revenus, temporairement ou définitivement.", "{n} profesionales de la salud regresaron, temporal o definitivamente.", "عاد {n} من المهنيين الصحيين بصورة مؤقتة أو دائمة.", "{n} медицинских работников вернулись — временно или навсегда.", "{n}名卫生专业人员回国，有的短期，有的长期。"),  # noqa: E501
            ("{pct}% of participants found work within six months of return.", "{pct} % des participants ont trouvé un emploi dans les six mois suivant leur retour.", "El {pct} % de los participantes encontró trabajo en los seis meses posteriores al retorno.", "وجد {pct}٪ من المشاركين عملاً في غضون ستة أشهر من عودتهم.", "{pct}% участников нашли работу в течение шести месяцев после возвращения.", "{pct}%的参与者在回国后六个月内找到工作。"),  # noqa: E501
        ),
        problems=(
            ("Migrants who came back found few jobs and little help to use what they had learned abroad.", "Les migrants de retour trouvaient peu d'emplois et peu d'aide pour valoriser leur expérience à l'étranger.", "Los migrantes que regresaban encontraban pocos empleos y poca ayuda para aprovechar lo aprendido fuera.", "كان المهاجرون العائدون يجدون القليل من الوظائف والقليل من المساعدة للاستفادة مما تعلموه في الخارج.", "Вернувшиеся мигранты находили мало рабочих мест и почти не получали помощи, чтобы применить полученный за рубежом опыт.", "回国移民就业机会少，也很少得到帮助来运用在国外学到的知识。"),  # noqa: E501
            ("Returns were often unplanned and left families without income.", "Les retours étaient souvent imprévus et laissaient les familles sans revenu.", "Los retornos solían ser imprevistos y dejaban a las familias sin ingresos.", "كانت العودة في الغالب غير مخطط لها وتترك الأسر بلا دخل.", "Возвращение часто было незапланированным и оставляло семьи без дохода.", "回国往往缺乏计划，使家庭失去收入。"),  # noqa: E501
        ),
        objectives=(21, 18, 19),
        sdgs=("10.7", "3.c"),
    ),
    Theme.LABOUR: ThemeBank(
        topics=(
            ("circular migration scheme for seasonal workers", "programme de migration circulaire pour travailleurs saisonniers", "programa de migración circular para trabajadores de temporada", "برنامج الهجرة الدائرية للعمال الموسميين", "программа циркулярной миграции для сезонных работников", "季节性工人循环移民计划"),  # noqa: E501
            ("bilateral labour agreement", "accord bilatéral de main-d'œuvre", "acuerdo bilateral de trabajo", "اتفاق ثنائي بشأن اليد العاملة", "двустороннее соглашение о трудовой миграции", "双边劳务协议"),  # noqa: E501
            ("mutual recognition of qualifications", "reconnaissance mutuelle des qualifications", "reconocimiento mutuo de cualificaciones", "الاعتراف المتبادل بالمؤهلات", "взаимное признание квалификаций", "资格互认"),  # noqa: E501
            ("pre-departure orientation", "orientation avant le départ", "orientación previa a la partida", "التوجيه قبل المغادرة", "подготовка перед выездом", "出国前培训"),  # noqa: E501
            ("portability of social security benefits", "portabilité des droits de sécurité sociale", "portabilidad de las prestaciones de seguridad social", "قابلية نقل استحقاقات الضمان الاجتماعي", "перенос прав на социальное обеспечение", "社会保障权益可转移"),  # noqa: E501
            ("fair recruitment of domestic workers", "recrutement équitable des travailleurs domestiques", "contratación equitativa de trabajadoras del hogar", "التوظيف العادل للعمال المنزليين", "добросовестный наём домашних работников", "家政工人公平招聘"),  # noqa: E501
        ),
        groups=(
            ("seasonal agricultural workers", "les travailleurs agricoles saisonniers", "los trabajadores agrícolas de temporada", "العمال الزراعيين الموسميين", "сезонных сельскохозяйственных работников", "季节性农业工人"),  # noqa: E501
            ("nurses and care workers", "les infirmiers et les aides-soignants", "los profesionales de enfermería y cuidados", "الممرضين وعمال الرعاية", "медсестёр и работников по уходу", "护士和护理工作者"),  # noqa: E501
            ("young job seekers", "les jeunes demandeurs d'emploi", "los jóvenes que buscan empleo", "الشباب الباحثين عن عمل", "молодых соискателей работы", "青年求职者"),  # noqa: E501
        ),
        actions=(
            ("matches employers' unmet labour demand with workers recruited through public employment services", "répond aux besoins de main-d'œuvre non satisfaits des employeurs grâce à des travailleurs recrutés par les services publics de l'emploi", "cubre la demanda de mano de obra insatisfecha de los empleadores con trabajadores contratados por los servicios públicos de empleo", "يلبي طلب أصحاب العمل غير الملبى على اليد العاملة بعمال يتم توظيفهم عبر خدمات التشغيل العامة", "покрывает неудовлетворённый спрос работодателей на рабочую силу за счёт работников, набранных государственными службами занятости", "通过公共就业服务机构招聘的工人满足雇主未满足的劳动力需求"),  # noqa: E501
            ("guarantees the return of seasonal workers and their re-admission the following season", "garantit le retour des travailleurs saisonniers et leur réadmission la saison suivante", "garantiza el regreso de los trabajadores de temporada y su readmisión en la temporada siguiente", "يضمن عودة العمال الموسميين وإعادة قبولهم في الموسم التالي", "гарантирует возвращение сезонных работников и их повторный приём в следующем сезоне", "保证季节性工人返回并在下一季再次入境"),  # noqa: E501
            ("assesses and certifies skills so that diplomas are recognized in both countries", "évalue et certifie les compétences afin que les diplômes soient reconnus dans les deux pays", "evalúa y certifica las competencias para que los títulos se reconozcan en ambos países", "يقيّم المهارات ويصادق عليها حتى يُعترف بالشهادات في البلدين", "оценивает и сертифицирует навыки, чтобы дипломы признавались в обеих странах", "评估和认证技能，使学历在两国均得到承认"),  # noqa: E501
            ("bans recruitment fees charged to workers and licenses private agencies", "interdit les frais de recrutement à la charge des travailleurs et agrée les agences privées", "prohíbe cobrar comisiones de contratación a los trabajadores y autoriza a las agencias privadas", "يحظر فرض رسوم التوظيف على العمال ويرخص للوكالات الخاصة", "запрещает взимать с работников плату за наём и лицензирует частные агентства", "禁止向工人收取招聘费并对私营中介机构实行许可"),  # noqa: E501
        ),
        results=(
            ("{n} workers took part; {pct}% returned home at the end of their contracts.", "{n} travailleurs y ont participé ; {pct} % sont rentrés chez eux à la fin de leur contrat.", "Participaron {n} trabajadores; el {pct} % regresó a su país al terminar el contrato.", "شارك {n} عاملاً، وعاد {pct}٪ منهم إلى بلدانهم عند انتهاء عقودهم.", "В программе участвовали {n} работников; {pct}% вернулись домой по окончании контрактов.", "共有{n}名工人参与，其中{pct}%在合同期满后回国。"),  # noqa: E501
            ("Recruitment costs paid by workers fell by {pct}%.", "Les frais de recrutement payés par les travailleurs ont diminué de {pct} %.", "Los costos de contratación pagados por los trabajadores disminuyeron un {pct} %.", "انخفضت تكاليف التوظيف التي يدفعها العمال بنسبة {pct}٪.", "Расходы работников на трудоустройство сократились на {pct}%.", "工人支付的招聘费用下降了{pct}%。"),  # noqa: E501
            ("{n} qualifications were recognized under the agreement.", "{n} qualifications ont été reconnues au titre de l'accord.", "Se reconocieron {n} cualificaciones en virtud del acuerdo.", "تم الاعتراف بـ{n} مؤهلاً بموجب الاتفاق.", "В рамках соглашения признано {n} квалификаций.", "根据协议，{n}项资格获得承认。"),  # noqa: E501
        ),
        problems=(
            ("Employers could not fill vacancies while workers paid intermediaries high fees to find jobs abroad.", "Les employeurs ne parvenaient pas à pourvoir leurs postes tandis que les travailleurs payaient cher des intermédiaires pour trouver un emploi à l'étranger.", "Los empleadores no lograban cubrir vacantes mientras los trabajadores pagaban altas comisiones a intermediarios para trabajar en el exterior.", "لم يتمكن أصحاب العمل من شغل الوظائف الشاغرة بينما كان العمال يدفعون رسوماً مرتفعة للوسطاء للعثور على عمل في الخارج.", "Работодатели не могли заполнить вакансии, а работники платили посредникам большие деньги за работу за рубежом.", "雇主无法填补空缺，而工人却要向中介支付高额费用才能在国外找到工作。"),  # noqa: E501
            ("Migrants' diplomas were not recognized and many worked below their level of qualification.", "Les diplômes des migrants n'étaient pas reconnus et beaucoup travaillaient en dessous de leur niveau de qualification.", "Los títulos de los migrantes no se reconocían y muchos trabajaban por debajo de su nivel de cualificación.", "لم تكن شهادات المهاجرين معترفاً بها، وكان كثيرون يعملون دون مستوى مؤهلاتهم.", "Дипломы мигрантов не признавались, и многие работали ниже своей квалификации.", "移民的学历得不到承认，许多人从事低于其资历水平的工作。"),  # noqa: E501
        ),
        objectives=(6, 18, 5, 22, 3),
        sdgs=("8.8", "3.c", "4.b"),
    ),
    Theme.IRREGULAR: ThemeBank(
        topics=(
            ("regularization of migrants in an irregular situation", "régularisation des migrants en situation irrégulière", "regularización de migrantes en situación irregular", "تسوية أوضاع المهاجرين غير النظاميين", "урегулирование статуса мигрантов с неурегулированным положением", "非正常移民身份正规化"),  # noqa: E501
            ("information campaigns on the risks of irregular migration", "campagnes d'information sur les risques de la migration irrégulière", "campañas de información sobre los riesgos de la migración irregular", "حملات توعية بمخاطر الهجرة غير النظامية", "информационные кампании о рисках нелегальной миграции", "非正常移民风险宣传活动"),  # noqa: E501
            ("alternatives to immigration detention", "alternatives à la rétention administrative", "alternativas a la detención migratoria", "بدائل احتجاز المهاجرين", "альтернативы задержанию мигрантов", "移民拘留替代措施"),  # noqa: E501
            ("search and rescue coordination at sea", "coordination du sauvetage en mer", "coordinación de búsqueda y salvamento en el mar", "تنسيق البحث والإنقاذ في البحر", "координация поисково-спасательных операций на море", "海上搜救协调"),  # noqa: E501
            ("integrated border management", "gestion intégrée des frontières", "gestión integrada de fronteras", "الإدارة المتكاملة للحدود", "комплексное управление границами", "综合边境管理"),  # noqa: E501
            ("legal pathways as an alternative to irregular departures", "voies légales comme alternative aux départs irréguliers", "vías legales como alternativa a las salidas irregulares", "مسارات قانونية بديلة عن المغادرة غير النظامية", "легальные пути как альтернатива нелегальному выезду", "以合法途径替代非正常出境"),  # noqa: E501
        ),
        groups=(
            ("migrants in an irregular situation", "les migrants en situation irrégulière", "los migrantes en situación irregular", "المهاجرين في وضع غير نظامي", "мигрантов с неурегулированным статусом", "处于非正常状况的移民"),  # noqa: E501
            ("young people considering departure", "les jeunes qui envisagent de partir", "los jóvenes que piensan emigrar", "الشباب الذين يفكرون في الهجرة", "молодых людей, подумывающих об отъезде", "考虑出走的年轻人"),  # noqa: E501
            ("families with children at the border", "les familles avec enfants à la frontière", "las familias con niños en la frontera", "الأسر التي لديها أطفال على الحدود", "семей с детьми на границе", "边境上带着孩子的家庭"),  # noqa: E501
        ),
        actions=(
            ("grants residence and work permits to migrants who can show employment and years of residence", "accorde des titres de séjour et de travail aux migrants justifiant d'un emploi et de plusieurs années de résidence", "otorga permisos de residencia y trabajo a los migrantes que acrediten empleo y años de residencia", "يمنح تصاريح الإقامة والعمل للمهاجرين الذين يثبتون وجود عمل وسنوات من الإقامة", "выдаёт разрешения на проживание и работу мигрантам, подтвердившим занятость и срок проживания", "向能证明有工作和居住年限的移民发放居留和工作许可"),  # noqa: E501
            ("informs young people through schools, radio and social media about legal ways to migrate", "informe les jeunes, par l'école, la radio et les réseaux sociaux, des voies légales de migration", "informa a los jóvenes, en escuelas, radio y redes sociales, sobre las vías legales para migrar", "يعرّف الشباب عبر المدارس والإذاعة ووسائل التواصل الاجتماعي بالطرق القانونية للهجرة", "рассказывает молодёжи в школах, по радио и в социальных сетях о законных способах миграции", "通过学校、广播和社交媒体向年轻人介绍合法移民途径"),  # noqa: E501
            ("places families in community housing with case workers instead of detention", "héberge les familles dans des logements communautaires avec un suivi social au lieu de les placer en rétention", "aloja a las familias en viviendas comunitarias con acompañamiento de gestores de casos en lugar de detenerlas", "يؤوي الأسر في مساكن مجتمعية مع مرافقة من أخصائيين بدلاً من الاحتجاز", "размещает семьи в общинном жилье с сопровождением социальных работников вместо задержания", "安排家庭入住社区住房并配备个案工作者，而不是予以拘留"),  # noqa: E501
            ("coordinates coast guards of neighbouring States to save lives at sea", "coordonne les garde-côtes des États voisins pour sauver des vies en mer", "coordina a los guardacostas de los Estados vecinos para salvar vidas en el mar", "ينسق عمل خفر السواحل في الدول المجاورة لإنقاذ الأرواح في البحر", "координирует береговую охрану соседних государств для спасения жизней на море", "协调邻国海岸警卫队在海上救助生命"),  # noqa: E501
        ),
        results=(
            ("{n} migrants obtained a regular status.", "{n} migrants ont obtenu un statut régulier.", "{n} migrantes obtuvieron una situación regular.", "حصل {n} مهاجراً على وضع نظامي.", "{n} мигрантов получили законный статус.", "{n}名移民获得正常身份。"),  # noqa: E501
            ("Irregular departures from the participating districts fell by {pct}%.", "Les départs irréguliers des districts participants ont baissé de {pct} %.", "Las salidas irregulares de los distritos participantes bajaron un {pct} %.", "انخفضت حالات المغادرة غير النظامية من المناطق المشاركة بنسبة {pct}٪.", "Число нелегальных выездов из участвующих районов сократилось на {pct}%.", "参与地区的非正常出境减少了{pct}%。"),  # noqa: E501
            ("{pct}% of the families stayed in touch with the authorities until their case was decided.", "{pct} % des familles sont restées en contact avec les autorités jusqu'à la décision.", "El {pct} % de las familias mantuvo el contacto con las autoridades hasta la resolución de su caso.", "بقيت {pct}٪ من الأسر على تواصل مع السلطات حتى البت في قضاياها.", "{pct}% семей поддерживали связь с властями до вынесения решения.", "{pct}%的家庭在案件裁决前一直与当局保持联系。"),  # noqa: E501
        ),
        problems=(
            ("Many migrants lived for years without papers, vulnerable to abuse and exploitation.", "De nombreux migrants vivaient depuis des années sans papiers, exposés aux abus et à l'exploitation.", "Muchos migrantes vivían desde hacía años sin papeles, expuestos a abusos y explotación.", "عاش كثير من المهاجرين سنوات بلا وثائق، عرضة للإساءة والاستغلال.", "Многие мигранты годами жили без документов, подвергаясь злоупотреблениям и эксплуатации.", "许多移民多年没有证件，容易遭受虐待和剥削。"),  # noqa: E501
            ("Dangerous crossings by sea and desert claimed lives every month.", "Les traversées dangereuses par la mer et le désert faisaient des victimes chaque mois.", "Las peligrosas travesías por mar y desierto cobraban vidas cada mes.", "كانت الرحلات الخطرة عبر البحر والصحراء تحصد الأرواح كل شهر.", "Опасные переходы по морю и через пустыню ежемесячно уносили жизни.", "穿越海洋和沙漠的危险旅程每月都在夺去生命。"),  # noqa: E501
        ),
        objectives=(11, 8, 13, 12, 2, 3),
        sdgs=("10.7", "16.9"),
    ),
    Theme.TRAFFICKING: ThemeBank(
        topics=(
            ("national hotline for victims of trafficking", "ligne d'urgence nationale pour les victimes de la traite", "línea nacional de ayuda para víctimas de trata", "خط ساخن وطني لضحايا الاتجار بالبشر", "национальная горячая линия для жертв торговли людьми", "人口贩运受害者全国热线"),  # noqa: E501
            ("shelters and protection for trafficked women and children", "foyers d'accueil et protection des femmes et enfants victimes de la traite", "albergues y protección para mujeres y niños víctimas de trata", "دور إيواء وحماية للنساء والأطفال ضحايا الاتجار", "приюты и защита для женщин и детей — жертв торговли людьми", "为被贩运妇女和儿童提供庇护所和保护"),  # noqa: E501
            ("joint investigation teams against smuggling networks", "équipes communes d'enquête contre les réseaux de passeurs", "equipos conjuntos de investigación contra redes de tráfico ilícito de migrantes", "فرق تحقيق مشتركة لمكافحة شبكات التهريب", "совместные следственные группы против сетей незаконного ввоза мигрантов", "打击偷运网络的联合调查组"),  # noqa: E501
            ("training of labour inspectors to detect forced labour", "formation des inspecteurs du travail à la détection du travail forcé", "capacitación de inspectores laborales para detectar el trabajo forzoso", "تدريب مفتشي العمل على كشف العمل القسري", "обучение трудовых инспекторов выявлению принудительного труда", "培训劳动监察员识别强迫劳动"),  # noqa: E501
            ("national referral mechanism for victims", "mécanisme national d'orientation des victimes", "mecanismo nacional de derivación de víctimas", "آلية إحالة وطنية للضحايا", "национальный механизм перенаправления жертв", "国家受害者转介机制"),  # noqa: E501
            ("prevention of trafficking in source communities", "prévention de la traite dans les communautés d'origine", "prevención de la trata en las comunidades de origen", "الوقاية من الاتجار في المجتمعات المصدرة", "профилактика торговли людьми в общинах происхождения", "在来源社区预防人口贩运"),  # noqa: E501
        ),
        groups=(
            ("victims of trafficking", "les victimes de la traite", "las víctimas de trata", "ضحايا الاتجار بالبشر", "жертв торговли людьми", "人口贩运受害者"),  # noqa: E501
            ("women and girls at risk of exploitation", "les femmes et les filles exposées à l'exploitation", "las mujeres y niñas en riesgo de explotación", "النساء والفتيات المعرضات لخطر الاستغلال", "женщин и девочек, подверженных риску эксплуатации", "面临剥削风险的妇女和女童"),  # noqa: E501
            ("unaccompanied children", "les enfants non accompagnés", "los niños no acompañados", "الأطفال غير المصحوبين", "несопровождаемых детей", "无人陪伴儿童"),  # noqa: E501
        ),
        actions=(
            ("identifies victims early and refers them to shelters, health care and legal aid", "identifie rapidement les victimes et les oriente vers des foyers, des soins et une aide juridique", "identifica tempranamente a las víctimas y las deriva a albergues, atención médica y asistencia jurídica", "يحدد الضحايا مبكراً ويحيلهم إلى دور الإيواء والرعاية الصحية والمساعدة القانونية", "своевременно выявляет жертв и направляет их в приюты, медицинские учреждения и за юридической помощью", "及早识别受害者并将其转介至庇护所、医疗和法律援助"),  # noqa: E501
            ("brings police and prosecutors of several countries together to dismantle trafficking networks", "réunit policiers et procureurs de plusieurs pays pour démanteler les réseaux de traite", "reúne a policías y fiscales de varios países para desarticular redes de trata", "يجمع الشرطة والمدعين العامين من عدة بلدان لتفكيك شبكات الاتجار", "объединяет полицию и прокуратуру нескольких стран для ликвидации сетей торговли людьми", "汇集多国警察和检察官，共同摧毁贩运网络"),  # noqa: E501
            ("criminalizes the exploitation of migrants and protects those who testify", "érige en infraction l'exploitation des migrants et protège ceux qui témoignent", "tipifica como delito la explotación de migrantes y protege a quienes declaran", "يجرّم استغلال المهاجرين ويحمي من يدلون بشهاداتهم", "криминализирует эксплуатацию мигрантов и защищает тех, кто даёт показания", "将剥削移民定为刑事罪行并保护作证者"),  # noqa: E501
            ("raises awareness of false job offers in villages and schools", "sensibilise les villages et les écoles aux fausses offres d'emploi", "sensibiliza en pueblos y escuelas sobre las ofertas de empleo falsas", "يوعّي القرى والمدارس بعروض العمل الوهمية", "информирует жителей сёл и школьников о ложных предложениях работы", "在村庄和学校宣传虚假招工信息的危害"),  # noqa: E501
        ),
        results=(
            ("{n} victims were identified and assisted.", "{n} victimes ont été identifiées et assistées.", "Se identificó y asistió a {n} víctimas.", "تم تحديد {n} ضحية ومساعدتهم.", "Выявлено и получили помощь {n} жертв.", "共识别并援助了{n}名受害者。"),  # noqa: E501
            ("{n} traffickers were prosecuted and convictions rose by {pct}%.", "{n} trafiquants ont été poursuivis et les condamnations ont augmenté de {pct} %.", "Se procesó a {n} tratantes y las condenas aumentaron un {pct} %.", "تمت ملاحقة {n} متاجراً قضائياً وارتفعت الإدانات بنسبة {pct}٪.", "К ответственности привлечены {n} торговцев людьми, число обвинительных приговоров выросло на {pct}%.", "起诉了{n}名人口贩子，定罪数量增加了{pct}%。"),  # noqa: E501
            ("Calls to the hotline rose by {pct}% after the campaign.", "Les appels à la ligne d'urgence ont augmenté de {pct} % après la campagne.", "Las llamadas a la línea de ayuda aumentaron un {pct} % tras la campaña.", "ارتفعت المكالمات إلى الخط الساخن بنسبة {pct}٪ بعد الحملة.", "После кампании число звонков на горячую линию выросло на {pct}%.", "宣传活动后，热线来电增加了{pct}%。"),  # noqa: E501
        ),
        problems=(
            ("Transnational criminal networks recruited women and children with false promises of work.", "Des réseaux criminels transnationaux recrutaient des femmes et des enfants par de fausses promesses d'emploi.", "Redes delictivas transnacionales captaban a mujeres y niños con falsas promesas de trabajo.", "كانت شبكات إجرامية عابرة للحدود تجند النساء والأطفال بوعود عمل كاذبة.", "Транснациональные преступные сети вербовали женщин и детей ложными обещаниями работы.", "跨国犯罪网络以虚假的工作承诺招募妇女和儿童。"),  # noqa: E501
            ("Victims were rarely identified and often treated as offenders.", "Les victimes étaient rarement identifiées et souvent traitées comme des délinquants.", "Las víctimas rara vez eran identificadas y a menudo se las trataba como infractoras.", "نادراً ما كان يتم تحديد الضحايا وكثيراً ما عوملوا كمخالفين.", "Жертв редко выявляли и часто считали правонарушителями.", "受害者很少被识别出来，而且常常被当作违法者对待。"),  # noqa: E501
        ),
        objectives=(10, 9, 7),
        sdgs=("8.7", "5.2", "16.2"),
    ),
    Theme.HUMAN_RIGHTS: ThemeBank(
        topics=(
            ("access to health care regardless of status", "accès aux soins quel que soit le statut", "acceso a la atención de salud independientemente de la situación migratoria", "الحصول على الرعاية الصحية بغض النظر عن الوضع القانوني", "доступ к медицинской помощи независимо от статуса", "不论身份均可获得医疗服务"),  # noqa: E501
            ("legal aid for migrant workers", "aide juridique aux travailleurs migrants", "asistencia jurídica para trabajadores migrantes", "المساعدة القانونية للعمال المهاجرين", "юридическая помощь трудовым мигрантам", "移民工人法律援助"),  # noqa: E501
            ("consular protection and assistance", "protection et assistance consulaires", "protección y asistencia consular", "الحماية والمساعدة القنصلية", "консульская защита и помощь", "领事保护与协助"),  # noqa: E501
            ("birth registration and legal identity for migrant children", "enregistrement des naissances et identité juridique des enfants migrants", "registro de nacimientos e identidad jurídica de niños migrantes", "تسجيل المواليد والهوية القانونية للأطفال المهاجرين", "регистрация рождения и правосубъектность детей мигрантов", "移民儿童出生登记和法律身份"),  # noqa: E501
            ("ratification of the Migrant Workers Convention", "ratification de la Convention sur les travailleurs migrants", "ratificación de la Convención sobre los trabajadores migratorios", "التصديق على اتفاقية العمال المهاجرين", "ратификация Конвенции о трудящихся-мигрантах", "批准《移徙工人公约》"),  # noqa: E501
            ("complaint mechanisms for exploited workers", "mécanismes de plainte pour les travailleurs exploités", "mecanismos de denuncia para trabajadores explotados", "آليات الشكاوى للعمال المستغَلين", "механизмы подачи жалоб для эксплуатируемых работников", "受剥削工人投诉机制"),  # noqa: E501
        ),
        groups=(
            ("migrants regardless of their legal status", "les migrants quel que soit leur statut juridique", "los migrantes con independencia de su situación jurídica", "المهاجرين بغض النظر عن وضعهم القانوني", "мигрантов независимо от их правового статуса", "所有移民（不论其法律身份）"),  # noqa: E501
            ("migrant domestic workers", "les travailleuses domestiques migrantes", "las trabajadoras domésticas migrantes", "العاملات المنزليات المهاجرات", "домашних работников-мигрантов", "移民家政工人"),  # noqa: E501
            ("nationals detained or in distress abroad", "les ressortissants détenus ou en détresse à l'étranger", "los nacionales detenidos o en dificultades en el exterior", "المواطنين المحتجزين أو في محنة في الخارج", "граждан, задержанных или попавших в беду за рубежом", "在国外被拘留或陷入困境的本国公民"),  # noqa: E501
        ),
        actions=(
            ("opens public clinics and schools to all migrants without asking for papers", "ouvre les centres de santé publics et les écoles à tous les migrants sans exiger de papiers", "abre los centros de salud públicos y las escuelas a todos los migrantes sin pedir documentos", "يفتح العيادات والمدارس العامة لجميع المهاجرين دون طلب وثائق", "открывает государственные поликлиники и школы для всех мигрантов без проверки документов", "向所有移民开放公立诊所和学校，不查验证件"),  # noqa: E501
            ("offers free legal advice and represents workers before labour courts", "offre des conseils juridiques gratuits et représente les travailleurs devant les tribunaux du travail", "ofrece asesoría jurídica gratuita y representa a los trabajadores ante los tribunales laborales", "يقدم استشارات قانونية مجانية ويمثل العمال أمام محاكم العمل", "бесплатно консультирует и представляет работников в трудовых судах", "提供免费法律咨询并在劳动法庭代理工人"),  # noqa: E501
            ("sends labour attachés and social workers to consulates in the main countries of destination", "affecte des attachés du travail et des travailleurs sociaux aux consulats des principaux pays de destination", "destina agregados laborales y trabajadores sociales a los consulados de los principales países de destino", "يوفد ملحقين عماليين وأخصائيين اجتماعيين إلى القنصليات في بلدان المقصد الرئيسية", "направляет атташе по вопросам труда и социальных работников в консульства в основных странах назначения", "向主要目的国的领事馆派驻劳务专员和社会工作者"),  # noqa: E501
            ("registers every child born to migrant parents and issues identity documents", "enregistre chaque enfant né de parents migrants et délivre des pièces d'identité", "registra a todo niño nacido de padres migrantes y expide documentos de identidad", "يسجل كل طفل يولد لأبوين مهاجرين ويصدر وثائق الهوية", "регистрирует каждого ребёнка, родившегося у мигрантов, и выдаёт документы, удостоверяющие личность", "为移民父母所生的每个孩子登记并签发身份证件"),  # noqa: E501
        ),
        results=(
            ("{n} migrants received care or legal advice in the first year.", "{n} migrants ont reçu des soins ou des conseils juridiques la première année.", "{n} migrantes recibieron atención o asesoría jurídica en el primer año.", "تلقى {n} مهاجراً الرعاية أو المشورة القانونية في السنة الأولى.", "За первый год {n} мигрантов получили медицинскую или юридическую помощь.", "第一年有{n}名移民获得医疗或法律咨询。"),  # noqa: E501
            ("{pct}% of the complaints filed ended with back pay or compensation.", "{pct} % des plaintes déposées ont abouti au paiement des salaires dus ou à une indemnisation.", "El {pct} % de las denuncias terminó con el pago de salarios adeudados o una indemnización.", "انتهت {pct}٪ من الشكاوى المقدمة بدفع الأجور المستحقة أو التعويض.", "{pct}% поданных жалоб завершились выплатой задолженности или компенсации.", "{pct}%的投诉以补发工资或赔偿告终。"),  # noqa: E501
            ("{n} children received birth certificates.", "{n} enfants ont reçu un acte de naissance.", "{n} niños recibieron su partida de nacimiento.", "حصل {n} طفلاً على شهادات ميلاد.", "{n} детей получили свидетельства о рождении.", "{n}名儿童获得出生证明。"),  # noqa: E501
        ),
        problems=(
            ("Fear of deportation kept migrants away from hospitals, schools and the courts.", "La peur de l'expulsion éloignait les migrants des hôpitaux, des écoles et des tribunaux.", "El miedo a la deportación alejaba a los migrantes de hospitales, escuelas y tribunales.", "كان الخوف من الترحيل يبعد المهاجرين عن المستشفيات والمدارس والمحاكم.", "Страх депортации удерживал мигрантов от обращения в больницы, школы и суды.", "对被驱逐出境的恐惧使移民远离医院、学校和法院。"),  # noqa: E501
            ("Domestic workers were excluded from labour law and had nowhere to complain.", "Les travailleurs domestiques étaient exclus du droit du travail et ne pouvaient porter plainte nulle part.", "Las trabajadoras del hogar estaban excluidas de la legislación laboral y no tenían dónde denunciar.", "كان العمال المنزليون مستثنين من قانون العمل ولم يكن لديهم مكان لتقديم الشكاوى.", "Домашние работники не были охвачены трудовым законодательством и не могли никуда пожаловаться.", "家政工人被排除在劳动法之外，投诉无门。"),  # noqa: E501
        ),
        objectives=(7, 15, 17, 4, 14, 13),
        sdgs=("8.8", "16.9", "5.2"),
    ),
    Theme.INTEGRATION: ThemeBank(
        topics=(
            ("language courses and civic orientation for newcomers", "cours de langue et orientation civique pour les nouveaux arrivants", "cursos de idioma y orientación cívica para recién llegados", "دورات لغوية وتوجيه مدني للقادمين الجدد", "языковые курсы и гражданская адаптация для новоприбывших", "为新移民提供语言课程和公民指导"),  # noqa: E501
            ("one-stop shops for migrants in cities", "guichets uniques pour les migrants dans les villes", "ventanillas únicas para migrantes en las ciudades", "مراكز خدمات موحدة للمهاجرين في المدن", "центры «одного окна» для мигрантов в городах", "城市移民一站式服务中心"),  # noqa: E501
            ("campaigns against xenophobia and discrimination", "campagnes contre la xénophobie et la discrimination", "campañas contra la xenofobia y la discriminación", "حملات لمكافحة كراهية الأجانب والتمييز", "кампании против ксенофобии и дискриминации", "反对仇外心理和歧视的宣传活动"),  # noqa: E501
            ("mentoring for migrant youth in schools", "tutorat des jeunes migrants à l'école", "tutorías para jóvenes migrantes en las escuelas", "إرشاد الشباب المهاجرين في المدارس", "наставничество для молодых мигрантов в школах", "在校移民青年辅导计划"),  # noqa: E501
            ("local integration plans with migrant associations", "plans locaux d'intégration avec les associations de migrants", "planes locales de integración con asociaciones de migrantes", "خطط اندماج محلية بالتعاون مع جمعيات المهاجرين", "местные планы интеграции с участием объединений мигрантов", "与移民协会共同制定的地方融合计划"),  # noqa: E501
            ("intercultural mediation in public services", "médiation interculturelle dans les services publics", "mediación intercultural en los servicios públicos", "الوساطة بين الثقافات في الخدمات العامة", "межкультурное посредничество в государственных службах", "公共服务中的跨文化调解"),  # noqa: E501
        ),
        groups=(
            ("newly arrived migrants and refugees", "les migrants et réfugiés nouvellement arrivés", "los migrantes y refugiados recién llegados", "المهاجرين واللاجئين الوافدين حديثاً", "недавно прибывших мигрантов и беженцев", "新抵达的移民和难民"),  # noqa: E501
            ("migrant women", "les femmes migrantes", "las mujeres migrantes", "النساء المهاجرات", "женщин-мигранток", "移民妇女"),  # noqa: E501
            ("children of migrants", "les enfants de migrants", "los hijos de migrantes", "أطفال المهاجرين", "детей мигрантов", "移民子女"),  # noqa: E501
        ),
        actions=(
            ("offers free language classes, civic courses and help with finding housing and work", "propose des cours de langue gratuits, des cours d'éducation civique et une aide à la recherche d'un logement et d'un emploi", "ofrece clases de idioma gratuitas, cursos cívicos y ayuda para encontrar vivienda y trabajo", "يقدم دروساً لغوية مجانية ودورات مدنية ومساعدة في إيجاد السكن والعمل", "предлагает бесплатные языковые и гражданские курсы, а также помощь в поиске жилья и работы", "提供免费语言课程、公民课程以及找房和就业帮助"),  # noqa: E501
            ("brings together employers, trade unions and migrant associations to promote social cohesion", "réunit employeurs, syndicats et associations de migrants pour renforcer la cohésion sociale", "reúne a empleadores, sindicatos y asociaciones de migrantes para promover la cohesión social", "يجمع أصحاب العمل والنقابات وجمعيات المهاجرين لتعزيز التماسك الاجتماعي", "объединяет работодателей, профсоюзы и объединения мигрантов для укрепления социальной сплочённости", "汇集雇主、工会和移民协会，促进社会凝聚力"),  # noqa: E501
            ("trains teachers, nurses and police officers in intercultural communication", "forme enseignants, infirmiers et policiers à la communication interculturelle", "capacita a docentes, personal sanitario y policías en comunicación intercultural", "يدرب المعلمين والممرضين وأفراد الشرطة على التواصل بين الثقافات", "обучает учителей, медсестёр и полицейских межкультурной коммуникации", "对教师、护士和警察进行跨文化沟通培训"),  # noqa: E501
            ("monitors hate speech and supports victims of discrimination", "surveille les discours de haine et soutient les victimes de discrimination", "vigila el discurso de odio y apoya a las víctimas de discriminación", "يرصد خطاب الكراهية ويدعم ضحايا التمييز", "отслеживает язык вражды и поддерживает жертв дискриминации", "监测仇恨言论并支持歧视受害者"),  # noqa: E501
        ),
        results=(
            ("{n} newcomers completed the course and {pct}% found work within a year.", "{n} nouveaux arrivants ont suivi le cours et {pct} % ont trouvé un emploi en un an.", "{n} recién llegados completaron el curso y el {pct} % encontró trabajo en un año.", "أكمل {n} من القادمين الجدد الدورة ووجد {pct}٪ منهم عملاً خلال عام.", "{n} новоприбывших прошли курс, {pct}% нашли работу в течение года.", "{n}名新移民完成了课程，其中{pct}%在一年内找到工作。"),  # noqa: E501
            ("Reported incidents of discrimination fell by {pct}% in the pilot districts.", "Les incidents de discrimination signalés ont baissé de {pct} % dans les quartiers pilotes.", "Los incidentes de discriminación denunciados bajaron un {pct} % en los distritos piloto.", "انخفضت حوادث التمييز المبلغ عنها بنسبة {pct}٪ في المناطق التجريبية.", "Число зарегистрированных случаев дискриминации в пилотных районах снизилось на {pct}%.", "试点地区报告的歧视事件减少了{pct}%。"),  # noqa: E501
            ("{n} pupils of migrant background were mentored; school drop-out fell by {pct}%.", "{n} élèves issus de l'immigration ont été accompagnés ; le décrochage scolaire a baissé de {pct} %.", "{n} alumnos de origen migrante recibieron tutoría; el abandono escolar bajó un {pct} %.", "حظي {n} تلميذاً من أصول مهاجرة بالإرشاد، وانخفض التسرب المدرسي بنسبة {pct}٪.", "Наставников получили {n} школьников из семей мигрантов; отсев из школ сократился на {pct}%.", "{n}名移民背景学生接受了辅导，辍学率下降了{pct}%。"),  # noqa: E501
        ),
        problems=(
            ("Newcomers struggled with the language and with administrations that did not know their rights.", "Les nouveaux arrivants se heurtaient à la langue et à des administrations qui ignoraient leurs droits.", "Los recién llegados tenían dificultades con el idioma y con administraciones que desconocían sus derechos.", "واجه القادمون الجدد صعوبات في اللغة ومع إدارات لا تعرف حقوقهم.", "Новоприбывшим мешали языковой барьер и чиновники, не знавшие их прав.", "新移民在语言方面存在困难，而行政部门也不了解他们的权利。"),  # noqa: E501
            ("Racism, xenophobia and social exclusion were rising in several neighbourhoods.", "Le racisme, la xénophobie et l'exclusion sociale progressaient dans plusieurs quartiers.", "El racismo, la xenofobia y la exclusión social aumentaban en varios barrios.", "كانت العنصرية وكراهية الأجانب والإقصاء الاجتماعي في تزايد في عدة أحياء.", "В ряде районов росли расизм, ксенофобия и социальная изоляция.", "一些街区的种族主义、仇外心理和社会排斥日益加剧。"),  # noqa: E501
        ),
        objectives=(16, 15, 17),
        sdgs=("10.7", "4.b"),
    ),
    Theme.COHERENCE: ThemeBank(
        topics=(
            ("national migration and development strategy", "stratégie nationale migration et développement", "estrategia nacional de migración y desarrollo", "استراتيجية وطنية للهجرة والتنمية", "национальная стратегия в области миграции и развития", "国家移民与发展战略"),  # noqa: E501
            ("migration profiles and disaggregated data", "profils migratoires et données ventilées", "perfiles migratorios y datos desglosados", "ملامح الهجرة والبيانات المصنفة", "миграционные профили и дезагрегированные данные", "移民概况和分类数据"),  # noqa: E501
            ("mainstreaming migration into poverty reduction strategies", "intégration de la migration dans les stratégies de réduction de la pauvreté", "integración de la migración en las estrategias de reducción de la pobreza", "إدماج الهجرة في استراتيجيات الحد من الفقر", "учёт миграции в стратегиях сокращения бедности", "将移民纳入减贫战略"),  # noqa: E501
            ("inter-ministerial committee on migration", "comité interministériel sur les migrations", "comité interministerial sobre migración", "لجنة وزارية مشتركة معنية بالهجرة", "межведомственный комитет по вопросам миграции", "部际移民委员会"),  # noqa: E501
            ("census of citizens abroad", "recensement des citoyens à l'étranger", "censo de ciudadanos en el exterior", "تعداد المواطنين في الخارج", "перепись граждан, проживающих за рубежом", "海外公民普查"),  # noqa: E501
            ("measurement of remittances in the balance of payments", "mesure des envois de fonds dans la balance des paiements", "medición de las remesas en la balanza de pagos", "قياس التحويلات في ميزان المدفوعات", "учёт денежных переводов в платёжном балансе", "在国际收支中统计汇款"),  # noqa: E501
        ),
        groups=(
            ("ministries, statistical offices and local governments", "les ministères, les instituts statistiques et les collectivités locales", "los ministerios, las oficinas de estadística y los gobiernos locales", "الوزارات ومكاتب الإحصاء والحكومات المحلية", "министерств, статистических служб и органов местного самоуправления", "各部委、统计机构和地方政府"),  # noqa: E501
            ("policy makers and researchers", "les décideurs et les chercheurs", "los responsables de políticas y los investigadores", "صانعي السياسات والباحثين", "разработчиков политики и исследователей", "政策制定者和研究人员"),  # noqa: E501
            ("consulates and embassies", "les consulats et les ambassades", "los consulados y las embajadas", "القنصليات والسفارات", "консульств и посольств", "领事馆和大使馆"),  # noqa: E501
        ),
        actions=(
            ("integrates migration into national development plans and sector budgets", "intègre la migration dans les plans nationaux de développement et les budgets sectoriels", "integra la migración en los planes nacionales de desarrollo y los presupuestos sectoriales", "يدمج الهجرة في خطط التنمية الوطنية والميزانيات القطاعية", "включает вопросы миграции в национальные планы развития и отраслевые бюджеты", "将移民纳入国家发展规划和部门预算"),  # noqa: E501
            ("collects data disaggregated by sex, age and migratory status", "collecte des données ventilées par sexe, âge et statut migratoire", "recopila datos desglosados por sexo, edad y situación migratoria", "يجمع بيانات مصنفة حسب الجنس والعمر ووضع الهجرة", "собирает данные в разбивке по полу, возрасту и миграционному статусу", "收集按性别、年龄和移民身份分类的数据"),  # noqa: E501
            ("coordinates the ministries of labour, foreign affairs, interior and finance in one body", "coordonne au sein d'un même organe les ministères du travail, des affaires étrangères, de l'intérieur et des finances", "coordina en un solo órgano a los ministerios de trabajo, relaciones exteriores, interior y hacienda", "ينسق بين وزارات العمل والخارجية والداخلية والمالية في هيئة واحدة", "координирует работу министерств труда, иностранных дел, внутренних дел и финансов в рамках единого органа", "在一个机构内协调劳动、外交、内政和财政各部"),  # noqa: E501
            ("publishes an annual report on migration trends and their impact on development", "publie un rapport annuel sur les tendances migratoires et leur effet sur le développement", "publica un informe anual sobre las tendencias migratorias y su efecto en el desarrollo", "ينشر تقريراً سنوياً عن اتجاهات الهجرة وأثرها على التنمية", "публикует ежегодный доклад о миграционных тенденциях и их влиянии на развитие", "发布关于移民趋势及其对发展影响的年度报告"),  # noqa: E501
        ),
        results=(
            ("Migration now appears in {n} sector plans and the national budget.", "La migration figure désormais dans {n} plans sectoriels et dans le budget national.", "La migración figura ahora en {n} planes sectoriales y en el presupuesto nacional.", "أصبحت الهجرة مدرجة الآن في {n} خطة قطاعية وفي الميزانية الوطنية.", "Миграция теперь учитывается в {n} отраслевых планах и в государственном бюджете.", "移民问题现已纳入{n}个部门计划和国家预算。"),  # noqa: E501
            ("The first migration profile covered {n} indicators.", "Le premier profil migratoire couvrait {n} indicateurs.", "El primer perfil migratorio abarcó {n} indicadores.", "غطى أول ملمح للهجرة {n} مؤشراً.", "Первый миграционный профиль охватил {n} показателей.", "首份移民概况涵盖{n}项指标。"),  # noqa: E501
            ("Estimates of remittances were revised upwards by {pct}%.", "Les estimations des envois de fonds ont été revues à la hausse de {pct} %.", "Las estimaciones de remesas se revisaron al alza un {pct} %.", "تم تعديل تقديرات التحويلات بالزيادة بنسبة {pct}٪.", "Оценки объёма денежных переводов были пересмотрены в сторону повышения на {pct}%.", "汇款估计值上调了{pct}%。"),  # noqa: E501
        ),
        problems=(
            ("Each ministry handled migration on its own and the figures did not agree.", "Chaque ministère traitait la migration de son côté et les chiffres ne concordaient pas.", "Cada ministerio trataba la migración por su cuenta y las cifras no coincidían.", "كانت كل وزارة تتعامل مع الهجرة بمفردها ولم تكن الأرقام متطابقة.", "Каждое министерство занималось миграцией самостоятельно, и данные не совпадали.", "各部委各自处理移民问题，数据互不一致。"),  # noqa: E501
            ("Little was known about how many citizens lived abroad or what they sent home.", "On savait peu de choses sur le nombre de citoyens vivant à l'étranger ou sur ce qu'ils envoyaient au pays.", "Se sabía poco sobre cuántos ciudadanos vivían en el exterior o cuánto enviaban a casa.", "لم يكن يُعرف سوى القليل عن عدد المواطنين المقيمين في الخارج أو عما يرسلونه إلى الوطن.", "Было мало известно о том, сколько граждан живёт за рубежом и сколько они переводят на родину.", "人们对有多少公民生活在国外、他们向国内汇回多少钱知之甚少。"),  # noqa: E501
        ),
        objectives=(1, 23, 2, 3),
        sdgs=("17.18", "10.7"),
    ),
    Theme.COOPERATION: ThemeBank(
        topics=(
            ("regional consultative process on migration", "processus consultatif régional sur la migration", "proceso consultivo regional sobre migración", "عملية تشاورية إقليمية بشأن الهجرة", "региональный консультативный процесс по вопросам миграции", "区域移民协商进程"),  # noqa: E501
            ("mobility partnership", "partenariat pour la mobilité", "asociación de movilidad", "شراكة من أجل التنقل", "партнёрство в области мобильности", "流动伙伴关系"),  # noqa: E501
            ("South-South cooperation on labour mobility", "coopération Sud-Sud en matière de mobilité de la main-d'œuvre", "cooperación Sur-Sur en movilidad laboral", "التعاون بين بلدان الجنوب في مجال تنقل اليد العاملة", "сотрудничество Юг–Юг в области трудовой мобильности", "劳动力流动南南合作"),  # noqa: E501
            ("free movement of persons within a regional community", "libre circulation des personnes au sein d'une communauté régionale", "libre circulación de personas en una comunidad regional", "حرية تنقل الأشخاص داخل جماعة إقليمية", "свободное передвижение лиц в рамках регионального сообщества", "区域共同体内人员自由流动"),  # noqa: E501
            ("twinning between cities of origin and destination", "jumelage entre villes d'origine et de destination", "hermanamiento entre ciudades de origen y destino", "توأمة بين مدن المنشأ والمقصد", "побратимство городов происхождения и назначения", "来源地与目的地城市结对合作"),  # noqa: E501
            ("joint migration and development initiative", "initiative conjointe migration et développement", "iniciativa conjunta sobre migración y desarrollo", "مبادرة مشتركة للهجرة والتنمية", "совместная инициатива в области миграции и развития", "移民与发展联合倡议"),  # noqa: E501
        ),
        groups=(
            ("governments of the region", "les gouvernements de la région", "los gobiernos de la región", "حكومات المنطقة", "правительств региона", "本区域各国政府"),  # noqa: E501
            ("border communities", "les communautés frontalières", "las comunidades fronterizas", "المجتمعات الحدودية", "приграничных общин", "边境社区"),  # noqa: E501
            ("local authorities and civil society", "les autorités locales et la société civile", "las autoridades locales y la sociedad civil", "السلطات المحلية والمجتمع المدني", "местных органов власти и гражданского общества", "地方当局和民间社会"),  # noqa: E501
        ),
        actions=(
            ("holds regular meetings where States share information and agree on common approaches", "organise des réunions régulières où les États échangent des informations et s'accordent sur des approches communes", "celebra reuniones periódicas en las que los Estados intercambian información y acuerdan enfoques comunes", "يعقد اجتماعات منتظمة تتبادل فيها الدول المعلومات وتتفق على نهج مشتركة", "проводит регулярные встречи, на которых государства обмениваются информацией и согласовывают общие подходы", "定期举行会议，各国交流信息并商定共同做法"),  # noqa: E501
            ("eases visas for students, researchers and business people in exchange for cooperation on readmission", "facilite les visas pour les étudiants, chercheurs et entrepreneurs en échange d'une coopération en matière de réadmission", "facilita visados a estudiantes, investigadores y empresarios a cambio de cooperación en materia de readmisión", "يسهل منح التأشيرات للطلاب والباحثين ورجال الأعمال مقابل التعاون في مجال إعادة القبول", "упрощает выдачу виз студентам, исследователям и предпринимателям в обмен на сотрудничество по реадмиссии", "为学生、研究人员和商务人士提供签证便利，以换取在重新接纳方面的合作"),  # noqa: E501
            ("funds joint projects of municipalities in both countries with their diaspora", "finance des projets communs des municipalités des deux pays avec leur diaspora", "financia proyectos conjuntos de municipios de ambos países con su diáspora", "يمول مشاريع مشتركة بين بلديات البلدين وجالياتهما", "финансирует совместные проекты муниципалитетов обеих стран с участием диаспоры", "资助两国市镇与侨民开展的联合项目"),  # noqa: E501
            ("recognizes residence and work rights of citizens of member States", "reconnaît le droit de séjour et de travail des ressortissants des États membres", "reconoce los derechos de residencia y trabajo de los nacionales de los Estados miembros", "يعترف بحقوق الإقامة والعمل لمواطني الدول الأعضاء", "признаёт право граждан государств-членов на проживание и работу", "承认成员国公民的居留和工作权利"),  # noqa: E501
        ),
        results=(
            ("{n} States now take part and meet every year.", "{n} États y participent désormais et se réunissent chaque année.", "Hoy participan {n} Estados, que se reúnen cada año.", "تشارك الآن {n} دولة وتجتمع كل عام.", "Сейчас в процессе участвуют {n} государств, которые встречаются ежегодно.", "目前已有{n}个国家参与，每年举行会议。"),  # noqa: E501
            ("{n} visas were issued under the partnership.", "{n} visas ont été délivrés dans le cadre du partenariat.", "Se expidieron {n} visados en el marco de la asociación.", "صدرت {n} تأشيرة في إطار الشراكة.", "В рамках партнёрства выдано {n} виз.", "在伙伴关系框架下签发了{n}份签证。"),  # noqa: E501
            ("{n} joint projects were funded in {pct} municipalities.", "{n} projets communs ont été financés dans {pct} communes.", "Se financiaron {n} proyectos conjuntos en {pct} municipios.", "تم تمويل {n} مشروعاً مشتركاً في {pct} بلدية.", "Профинансировано {n} совместных проектов в {pct} муниципалитетах.", "在{pct}个市镇资助了{n}个联合项目。"),  # noqa: E501
        ),
        problems=(
            ("Countries of origin, transit and destination rarely talked to each other about migration.", "Les pays d'origine, de transit et de destination dialoguaient rarement sur la migration.", "Los países de origen, tránsito y destino rara vez dialogaban sobre migración.", "نادراً ما كانت بلدان المنشأ والعبور والمقصد تتحاور بشأن الهجرة.", "Страны происхождения, транзита и назначения редко вели диалог по вопросам миграции.", "来源国、过境国和目的国很少就移民问题进行对话。"),  # noqa: E501
            ("Visa rules changed often and left workers and students uncertain.", "Les règles de visa changeaient souvent et laissaient travailleurs et étudiants dans l'incertitude.", "Las normas de visado cambiaban con frecuencia y dejaban a trabajadores y estudiantes en la incertidumbre.", "كانت قواعد التأشيرات تتغير كثيراً وتترك العمال والطلاب في حالة من عدم اليقين.", "Визовые правила часто менялись, создавая неопределённость для работников и студентов.", "签证规定经常变化，使工人和学生无所适从。"),  # noqa: E501
        ),
        objectives=(23, 5, 11, 12),
        sdgs=("10.7", "17.3"),
    ),
}

# What every practice may say, whatever its theme. Templates name their slots: {Topic} and
# {Kind} are capitalised, {places} lists the countries, {places_and} joins them with "and".

KINDS: dict[str, tuple[P, ...]] = {
    Level.LOCAL: (
        ("Municipal programme", "Programme municipal", "Programa municipal", "برنامج بلدي", "Муниципальная программа", "市政计划"),  # noqa: E501
        ("Community initiative", "Initiative communautaire", "Iniciativa comunitaria", "مبادرة مجتمعية", "Общественная инициатива", "社区倡议"),  # noqa: E501
        ("Pilot project", "Projet pilote", "Proyecto piloto", "مشروع تجريبي", "Пилотный проект", "试点项目"),  # noqa: E501
    ),
    Level.NATIONAL: (
        ("National programme", "Programme national", "Programa nacional", "برنامج وطني", "Национальная программа", "国家计划"),  # noqa: E501
        ("Pilot project", "Projet pilote", "Proyecto piloto", "مشروع تجريبي", "Пилотный проект", "试点项目"),  # noqa: E501
        ("Law and action plan", "Loi et plan d'action", "Ley y plan de acción", "قانون وخطة عمل", "Закон и план действий", "法律和行动计划"),  # noqa: E501
        ("Public-private partnership", "Partenariat public-privé", "Alianza público-privada", "شراكة بين القطاعين العام والخاص", "Государственно-частное партнёрство", "公私伙伴关系"),  # noqa: E501
    ),
    Level.REGIONAL: (
        ("Regional initiative", "Initiative régionale", "Iniciativa regional", "مبادرة إقليمية", "Региональная инициатива", "区域倡议"),  # noqa: E501
        ("Bilateral programme", "Programme bilatéral", "Programa bilateral", "برنامج ثنائي", "Двусторонняя программа", "双边计划"),  # noqa: E501
    ),
    Level.GLOBAL: (
        ("Global initiative", "Initiative mondiale", "Iniciativa mundial", "مبادرة عالمية", "Глобальная инициатива", "全球倡议"),  # noqa: E501
        ("Public-private partnership", "Partenariat public-privé", "Alianza público-privada", "شراكة بين القطاعين العام والخاص", "Государственно-частное партнёрство", "公私伙伴关系"),  # noqa: E501
    ),
}

TITLES: tuple[P, ...] = (
    ("{Topic} for {group}", "{Topic} pour {group}", "{Topic} para {group}", "{topic} لفائدة {group}", "{Topic} для {group}", "面向{group}的{topic}"),  # noqa: E501
    ("{Kind}: {topic} ({places})", "{Kind} : {topic} ({places})", "{Kind}: {topic} ({places})", "{kind}: {topic} ({places})", "{Kind}: {topic} ({places})", "{kind}：{topic}（{places}）"),  # noqa: E501
    ("{acronym} – {topic} in {places_and}", "{acronym} – {topic} ({places})", "{acronym} – {topic} en {places_and}", "{acronym} – {topic} في {places_and}", "{acronym} – {topic} ({places})", "{acronym}：{places}{topic}"),  # noqa: E501
)
#: Titles of practices that name no country.
GLOBAL_TITLES: tuple[P, ...] = (
    TITLES[0],
    ("{Kind}: {topic}", "{Kind} : {topic}", "{Kind}: {topic}", "{kind}: {topic}", "{Kind}: {topic}", "{kind}：{topic}"),  # noqa: E501
    ("{acronym} – {topic}", "{acronym} – {topic}", "{acronym} – {topic}", "{acronym} – {topic}", "{acronym} – {topic}", "{acronym}：{topic}"),  # noqa: E501
)
DOES: P = ("The programme {action}.", "Le programme {action}.", "El programa {action}.", "البرنامج {action}.", "Программа {action}.", "该项目{action}。")  # noqa: E501
ALSO: P = ("It also {action}.", "En outre, il {action}.", "Además, {action}.", "كما {action}.", "Кроме того, программа {action}.", "此外，该项目还{action}。")  # noqa: E501
AIMED: P = ("It is aimed at {group}.", "Public visé : {group}.", "Está dirigido a {group}.", "ويستهدف {group}.", "Программа предназначена для {group}.", "对象为{group}。")  # noqa: E501
COUNTRIES: P = ("Countries involved: {places}.", "Pays concernés : {places}.", "Países participantes: {places}.", "البلدان المعنية: {places}.", "Страны-участницы: {places}.", "涉及国家：{places}。")  # noqa: E501
WORLDWIDE: P = ("It is open to countries in every region.", "Elle est ouverte aux pays de toutes les régions.", "Está abierta a países de todas las regiones.", "وهي مفتوحة أمام البلدان في جميع المناطق.", "Она открыта для стран всех регионов.", "该做法面向所有区域的国家开放。")  # noqa: E501
SECTOR: P = ("It works mainly in {sector}.", "Secteur principal : {sector}.", "Sector principal: {sector}.", "القطاع الرئيسي: {sector}.", "Основная отрасль — {sector}.", "主要领域：{sector}。")  # noqa: E501
PARTNERS: P = ("It is carried out with {partners}.", "Partenaires : {partners}.", "Socios: {partners}.", "الشركاء: {partners}.", "Партнёры: {partners}.", "合作伙伴：{partners}。")  # noqa: E501
AND: P = (" and ", " et ", " y ", " و", " и ", "和")
LIST_SEPARATOR: P = (", ", ", ", ", ", "، ", ", ", "、")
SENTENCE_SEPARATOR: P = (" ", " ", " ", " ", " ", "")

BEGAN: tuple[P, ...] = (
    ("The practice began in {year} in response to this situation.", "La pratique a été lancée en {year} pour répondre à cette situation.", "La práctica comenzó en {year} como respuesta a esta situación.", "بدأت هذه الممارسة في عام {year} استجابةً لهذا الوضع.", "Практика была запущена в {year} году в ответ на эту ситуацию.", "该做法于{year}年启动，以应对这一状况。"),  # noqa: E501
    ("Work started in {year}.", "Les travaux ont commencé en {year}.", "Los trabajos comenzaron en {year}.", "بدأ العمل في عام {year}.", "Работа началась в {year} году.", "工作于{year}年开始。"),  # noqa: E501
)
BACKGROUND: tuple[P, ...] = (
    ("It builds on a law adopted the year before.", "Elle s'appuie sur une loi adoptée l'année précédente.", "Se basa en una ley aprobada el año anterior.", "وهي تستند إلى قانون اعتُمد في العام السابق.", "Она опирается на закон, принятый годом ранее.", "该做法以前一年通过的一项法律为基础。"),  # noqa: E501
    ("It was first discussed at a meeting of the Global Forum on Migration and Development.", "Elle a d'abord été présentée lors d'une réunion du Forum mondial sur la migration et le développement.", "Se presentó por primera vez en una reunión del Foro Mundial sobre Migración y Desarrollo.", "وقد نوقشت لأول مرة في اجتماع للمنتدى العالمي المعني بالهجرة والتنمية.", "Впервые она обсуждалась на заседании Глобального форума по миграции и развитию.", "该做法最初在全球移民与发展论坛的一次会议上讨论。"),  # noqa: E501
    ("Civil society organizations had called for it for several years.", "Les organisations de la société civile la réclamaient depuis plusieurs années.", "Las organizaciones de la sociedad civil la reclamaban desde hacía varios años.", "وكانت منظمات المجتمع المدني تطالب بها منذ عدة سنوات.", "Организации гражданского общества добивались этого на протяжении нескольких лет.", "民间社会组织多年来一直呼吁采取这一做法。"),  # noqa: E501
    ("A survey of {n} households showed the need for it.", "Une enquête auprès de {n} ménages en a montré la nécessité.", "Una encuesta a {n} hogares mostró su necesidad.", "وأظهر مسح شمل {n} أسرة الحاجة إليها.", "Необходимость в ней показало обследование {n} домохозяйств.", "一项针对{n}户家庭的调查表明了其必要性。"),  # noqa: E501
)
METHODS: tuple[P, ...] = (
    ("Applications are handled by a single office, online or in person.", "Les demandes sont traitées par un guichet unique, en ligne ou sur place.", "Las solicitudes se tramitan en una única oficina, en línea o de forma presencial.", "تُعالج الطلبات من خلال مكتب واحد، عبر الإنترنت أو حضورياً.", "Заявления принимает единое бюро — онлайн или лично.", "申请由单一办公室受理，可在线或现场办理。"),  # noqa: E501
    ("A steering committee of government, employers, trade unions and migrants' organizations meets twice a year.", "Un comité de pilotage réunissant l'État, les employeurs, les syndicats et les organisations de migrants se réunit deux fois par an.", "Un comité directivo integrado por el gobierno, los empleadores, los sindicatos y las organizaciones de migrantes se reúne dos veces al año.", "تجتمع لجنة توجيهية تضم الحكومة وأصحاب العمل والنقابات ومنظمات المهاجرين مرتين في السنة.", "Дважды в год собирается руководящий комитет из представителей государства, работодателей, профсоюзов и организаций мигрантов.", "由政府、雇主、工会和移民组织组成的指导委员会每年召开两次会议。"),  # noqa: E501
    ("Staff were trained in {n} local offices before the launch.", "Le personnel de {n} bureaux locaux a été formé avant le lancement.", "Antes del lanzamiento se capacitó al personal de {n} oficinas locales.", "تم تدريب موظفي {n} مكتباً محلياً قبل الإطلاق.", "Перед запуском прошли обучение сотрудники {n} местных отделений.", "启动前对{n}个地方办事处的工作人员进行了培训。"),  # noqa: E501
    ("Information is available in several languages, by telephone and through a mobile application.", "Les informations sont disponibles en plusieurs langues, par téléphone et sur une application mobile.", "La información está disponible en varios idiomas, por teléfono y mediante una aplicación móvil.", "تتوفر المعلومات بعدة لغات وعبر الهاتف ومن خلال تطبيق على الهاتف المحمول.", "Информация доступна на нескольких языках, по телефону и в мобильном приложении.", "相关信息以多种语言提供，可通过电话和手机应用获取。"),  # noqa: E501
    ("Each participant is followed by a case worker for up to two years.", "Chaque participant est suivi par un référent pendant deux ans au plus.", "Cada participante cuenta con un gestor de casos durante un máximo de dos años.", "يتابع كلَّ مشارك أخصائيُّ حالة لمدة تصل إلى عامين.", "Каждого участника сопровождает куратор в течение двух лет.", "每名参与者由一名个案工作者跟进，最长两年。"),  # noqa: E501
    ("The costs are shared between the two governments and the private sector.", "Les coûts sont partagés entre les deux gouvernements et le secteur privé.", "Los costos se reparten entre los dos gobiernos y el sector privado.", "تتقاسم الحكومتان والقطاع الخاص التكاليف.", "Расходы распределяются между двумя правительствами и частным сектором.", "费用由两国政府和私营部门分担。"),  # noqa: E501
    ("Migrants' associations helped design the services and now run part of them.", "Les associations de migrants ont participé à la conception des services et en gèrent aujourd'hui une partie.", "Las asociaciones de migrantes ayudaron a diseñar los servicios y hoy gestionan parte de ellos.", "ساعدت جمعيات المهاجرين في تصميم الخدمات وهي تدير اليوم جزءاً منها.", "Объединения мигрантов участвовали в разработке услуг и сейчас сами оказывают часть из них.", "移民协会参与了服务设计，目前负责运营其中一部分。"),  # noqa: E501
    ("A budget of {n} thousand dollars a year covers staff, training and outreach.", "Un budget annuel de {n} milliers de dollars couvre le personnel, la formation et la sensibilisation.", "Un presupuesto anual de {n} mil dólares cubre personal, capacitación y difusión.", "تغطي ميزانية سنوية قدرها {n} ألف دولار الموظفين والتدريب والتوعية.", "Годовой бюджет в {n} тыс. долларов покрывает расходы на персонал, обучение и информационную работу.", "每年{n}千美元的预算用于人员、培训和宣传。"),  # noqa: E501
)
EVALUATIONS: tuple[P, ...] = (
    ("An independent evaluation in {year} found the practice effective and recommended extending it.", "Une évaluation indépendante réalisée en {year} a jugé la pratique efficace et recommandé son extension.", "Una evaluación independiente realizada en {year} consideró eficaz la práctica y recomendó ampliarla.", "وجد تقييم مستقل أُجري في عام {year} أن الممارسة فعالة وأوصى بتوسيعها.", "Независимая оценка {year} года признала практику эффективной и рекомендовала её расширить.", "{year}年的一项独立评估认为该做法行之有效，并建议予以推广。"),  # noqa: E501
    ("{pct}% of participants said they were satisfied with the services.", "{pct} % des participants se sont déclarés satisfaits des services.", "El {pct} % de los participantes se declaró satisfecho con los servicios.", "أعرب {pct}٪ من المشاركين عن رضاهم عن الخدمات.", "{pct}% участников остались довольны услугами.", "{pct}%的参与者表示对服务感到满意。"),  # noqa: E501
    ("Results have not yet been evaluated independently.", "Les résultats n'ont pas encore fait l'objet d'une évaluation indépendante.", "Los resultados aún no se han evaluado de forma independiente.", "لم تخضع النتائج بعد لتقييم مستقل.", "Независимая оценка результатов пока не проводилась.", "结果尚未经过独立评估。"),  # noqa: E501
)
LESSONS: tuple[P, ...] = (
    ("Involving migrants' associations from the start built trust and increased take-up.", "Associer les associations de migrants dès le départ a instauré la confiance et accru la participation.", "Involucrar a las asociaciones de migrantes desde el inicio generó confianza y aumentó la participación.", "أدى إشراك جمعيات المهاجرين منذ البداية إلى بناء الثقة وزيادة الإقبال.", "Привлечение объединений мигрантов с самого начала укрепило доверие и повысило охват.", "从一开始就让移民协会参与，建立了信任并提高了参与率。"),  # noqa: E501
    ("Clear information in the migrants' own languages mattered more than publicity.", "Une information claire dans les langues des migrants a compté davantage que la publicité.", "La información clara en los idiomas de los migrantes importó más que la publicidad.", "كانت المعلومات الواضحة بلغات المهاجرين أهم من الدعاية.", "Понятная информация на родных языках мигрантов оказалась важнее рекламы.", "以移民母语提供清晰信息比宣传推广更为重要。"),  # noqa: E501
    ("Cooperation between countries of origin and destination was essential; neither could have done it alone.", "La coopération entre pays d'origine et de destination a été essentielle : aucun n'aurait pu agir seul.", "La cooperación entre países de origen y destino fue esencial: ninguno podría haberlo hecho solo.", "كان التعاون بين بلدان المنشأ والمقصد أساسياً، إذ لم يكن بوسع أي منها القيام بذلك بمفرده.", "Сотрудничество стран происхождения и назначения было решающим: ни одна из них не справилась бы в одиночку.", "来源国与目的国之间的合作至关重要，任何一方都无法单独完成。"),  # noqa: E501
    ("Funding for several years, not single grants, made the results last.", "Un financement pluriannuel, plutôt que des subventions ponctuelles, a permis des résultats durables.", "La financiación plurianual, y no las subvenciones puntuales, hizo que los resultados perduraran.", "ضمن التمويل المتعدد السنوات، بدلاً من المنح المنفردة، استدامة النتائج.", "Устойчивость результатов обеспечило многолетнее финансирование, а не разовые гранты.", "多年期资金而非一次性补助使成果得以持续。"),  # noqa: E501
    ("Data collected from the start made it possible to show results and adjust the design.", "Les données recueillies dès le début ont permis de démontrer les résultats et d'ajuster le dispositif.", "Los datos recopilados desde el principio permitieron demostrar resultados y ajustar el diseño.", "أتاحت البيانات التي جُمعت منذ البداية إثبات النتائج وتعديل التصميم.", "Данные, собиравшиеся с самого начала, позволили показать результаты и скорректировать подход.", "从一开始就收集数据，使得能够展示成果并调整设计。"),  # noqa: E501
    ("Women needed services adapted to their working hours and childcare duties.", "Les femmes avaient besoin de services adaptés à leurs horaires de travail et à la garde des enfants.", "Las mujeres necesitaban servicios adaptados a sus horarios de trabajo y al cuidado de los hijos.", "احتاجت النساء إلى خدمات تتلاءم مع ساعات عملهن ومسؤوليات رعاية الأطفال.", "Женщинам требовались услуги, учитывающие их рабочий график и уход за детьми.", "妇女需要适应其工作时间和育儿责任的服务。"),  # noqa: E501
    ("Procedures that were too complex discouraged the people the practice meant to reach.", "Des procédures trop complexes ont découragé les personnes que la pratique voulait atteindre.", "Los procedimientos demasiado complejos desanimaron a las personas a las que la práctica quería llegar.", "أدت الإجراءات المعقدة للغاية إلى عزوف الأشخاص الذين كانت الممارسة تستهدفهم.", "Слишком сложные процедуры отпугивали тех, на кого была рассчитана практика.", "过于复杂的程序使目标人群望而却步。"),  # noqa: E501
    ("Local authorities were the best placed to reach migrants and their families.", "Les autorités locales étaient les mieux placées pour atteindre les migrants et leurs familles.", "Las autoridades locales eran las mejor situadas para llegar a los migrantes y sus familias.", "كانت السلطات المحلية في أفضل موقع للوصول إلى المهاجرين وأسرهم.", "Лучше всего до мигрантов и их семей могли достучаться местные органы власти.", "地方当局最有条件接触到移民及其家庭。"),  # noqa: E501
)
REPLICATION: tuple[P, ...] = (
    ("The practice can be adapted by any country with a network of consulates in the main countries of destination.", "La pratique peut être adaptée par tout pays disposant d'un réseau consulaire dans les principaux pays de destination.", "La práctica puede adaptarla cualquier país que cuente con una red consular en los principales países de destino.", "يمكن لأي بلد لديه شبكة من القنصليات في بلدان المقصد الرئيسية أن يكيّف هذه الممارسة.", "Практику может адаптировать любая страна, имеющая сеть консульств в основных странах назначения.", "任何在主要目的国设有领事网络的国家都可借鉴这一做法。"),  # noqa: E501
    ("A manual and training materials are available on request from the implementing organization.", "Un guide et des supports de formation sont disponibles sur demande auprès de l'organisme de mise en œuvre.", "Un manual y materiales de capacitación están disponibles a solicitud de la organización ejecutora.", "يتوفر دليل ومواد تدريبية عند الطلب من الجهة المنفذة.", "Руководство и учебные материалы можно запросить у организации-исполнителя.", "可向实施机构索取手册和培训材料。"),  # noqa: E501
    ("Replication requires a legal basis, a lead ministry and a budget for at least three years.", "La reproduction suppose une base juridique, un ministère chef de file et un budget d'au moins trois ans.", "Replicarla requiere una base jurídica, un ministerio responsable y un presupuesto para al menos tres años.", "يتطلب تكرار الممارسة أساساً قانونياً ووزارة رائدة وميزانية لثلاث سنوات على الأقل.", "Для тиражирования нужны правовая основа, ведущее министерство и бюджет минимум на три года.", "推广这一做法需要法律依据、牵头部委和至少三年的预算。"),  # noqa: E501
    ("The model has already been taken up in {n} other municipalities.", "Le modèle a déjà été repris dans {n} autres communes.", "El modelo ya se ha adoptado en otros {n} municipios.", "تم بالفعل اعتماد هذا النموذج في {n} بلديات أخرى.", "Модель уже переняли ещё {n} муниципалитетов.", "该模式已在另外{n}个市镇推广。"),  # noqa: E501
    ("Small pilots in two or three districts are the best way to start.", "De petits projets pilotes dans deux ou trois districts sont la meilleure façon de commencer.", "Pequeños pilotos en dos o tres distritos son la mejor manera de empezar.", "تُعد التجارب الصغيرة في منطقتين أو ثلاث أفضل طريقة للبدء.", "Лучше всего начинать с небольших пилотных проектов в двух-трёх районах.", "最好从两三个地区的小规模试点开始。"),  # noqa: E501
)
SECTORS: tuple[P, ...] = (
    ("agriculture", "agriculture", "agricultura", "الزراعة", "сельское хозяйство", "农业"),
    ("health care", "santé", "salud", "الرعاية الصحية", "здравоохранение", "医疗卫生"),
    ("construction", "construction", "construcción", "البناء", "строительство", "建筑业"),
    ("domestic work", "travail domestique", "trabajo doméstico", "العمل المنزلي", "домашний труд", "家政服务"),  # noqa: E501
    ("hospitality and tourism", "hôtellerie et tourisme", "hostelería y turismo", "الضيافة والسياحة", "гостиничный бизнес и туризм", "酒店和旅游业"),  # noqa: E501
    ("information technology", "technologies de l'information", "tecnologías de la información", "تكنولوجيا المعلومات", "информационные технологии", "信息技术"),  # noqa: E501
    ("fisheries", "pêche", "pesca", "صيد الأسماك", "рыболовство", "渔业"),
    ("textiles and garments", "textile et habillement", "textil y confección", "المنسوجات والملابس", "текстильная и швейная промышленность", "纺织服装业"),  # noqa: E501
    ("education", "éducation", "educación", "التعليم", "образование", "教育"),
    ("transport and logistics", "transport et logistique", "transporte y logística", "النقل والخدمات اللوجستية", "транспорт и логистика", "运输和物流"),  # noqa: E501
    ("small trade", "petit commerce", "pequeño comercio", "التجارة الصغيرة", "мелкая торговля", "小商业"),  # noqa: E501
    ("manufacturing", "industrie manufacturière", "industria manufacturera", "الصناعة التحويلية", "обрабатывающая промышленность", "制造业"),  # noqa: E501
    ("banking and microfinance", "banque et microfinance", "banca y microfinanzas", "الخدمات المصرفية والتمويل الأصغر", "банковское дело и микрофинансирование", "银行和小额信贷"),  # noqa: E501
    ("care for older persons", "soins aux personnes âgées", "cuidado de personas mayores", "رعاية المسنين", "уход за пожилыми людьми", "养老护理"),  # noqa: E501
    ("mining", "industrie extractive", "minería", "التعدين", "горнодобывающая промышленность", "采矿业"),  # noqa: E501
    ("research and higher education", "recherche et enseignement supérieur", "investigación y educación superior", "البحث والتعليم العالي", "наука и высшее образование", "科研和高等教育"),  # noqa: E501
)

#: Implementers and partners that are not registered on the platform, by kind.
BODIES: dict[str, tuple[P, ...]] = {
    OrganizationKind.GOVERNMENT: (
        ("Ministry of Labour and Employment", "Ministère du Travail et de l'Emploi", "Ministerio de Trabajo y Empleo", "وزارة العمل والتشغيل", "Министерство труда и занятости", "劳动和就业部"),  # noqa: E501
        ("Ministry of Foreign Affairs", "Ministère des Affaires étrangères", "Ministerio de Relaciones Exteriores", "وزارة الشؤون الخارجية", "Министерство иностранных дел", "外交部"),  # noqa: E501
        ("Ministry of the Interior", "Ministère de l'Intérieur", "Ministerio del Interior", "وزارة الداخلية", "Министерство внутренних дел", "内政部"),  # noqa: E501
        ("Ministry of Nationals Abroad", "Ministère des Ressortissants à l'étranger", "Ministerio de Nacionales en el Exterior", "وزارة المواطنين في الخارج", "Министерство по делам соотечественников за рубежом", "海外侨民事务部"),  # noqa: E501
        ("National Statistics Office", "Institut national de la statistique", "Instituto Nacional de Estadística", "المكتب الوطني للإحصاء", "Национальное статистическое управление", "国家统计局"),  # noqa: E501
        ("Central Bank", "Banque centrale", "Banco Central", "البنك المركزي", "Центральный банк", "中央银行"),  # noqa: E501
    ),
    OrganizationKind.LOCAL_AUTHORITY: (
        ("City Council", "Conseil municipal", "Ayuntamiento", "المجلس البلدي", "Городской совет", "市议会"),  # noqa: E501
        ("Provincial Government", "Gouvernement provincial", "Gobierno Provincial", "حكومة المقاطعة", "Правительство провинции", "省政府"),  # noqa: E501
        ("Municipal Office for Migrants", "Bureau municipal des migrants", "Oficina Municipal de Atención al Migrante", "المكتب البلدي للمهاجرين", "Муниципальное бюро по делам мигрантов", "市移民办公室"),  # noqa: E501
    ),
    OrganizationKind.CIVIL_SOCIETY: (
        ("Migrant Workers' Rights Network", "Réseau pour les droits des travailleurs migrants", "Red por los Derechos de los Trabajadores Migrantes", "شبكة حقوق العمال المهاجرين", "Сеть защиты прав трудящихся-мигрантов", "移民工人权利网络"),  # noqa: E501
        ("Federation of Hometown Associations", "Fédération des associations de ressortissants", "Federación de Clubes de Oriundos", "اتحاد جمعيات أبناء البلدات", "Федерация землячеств", "同乡会联合会"),  # noqa: E501
        ("Women Migrants' Support Centre", "Centre d'appui aux femmes migrantes", "Centro de Apoyo a Mujeres Migrantes", "مركز دعم النساء المهاجرات", "Центр поддержки женщин-мигранток", "移民妇女支持中心"),  # noqa: E501
        ("National Trade Union Confederation", "Confédération syndicale nationale", "Confederación Sindical Nacional", "الاتحاد الوطني للنقابات", "Национальная конфедерация профсоюзов", "全国总工会"),  # noqa: E501
    ),
    OrganizationKind.PRIVATE_SECTOR: (
        ("National Development Bank", "Banque nationale de développement", "Banco Nacional de Desarrollo", "البنك الوطني للتنمية", "Национальный банк развития", "国家开发银行"),  # noqa: E501
        ("Chamber of Commerce and Industry", "Chambre de commerce et d'industrie", "Cámara de Comercio e Industria", "غرفة التجارة والصناعة", "Торгово-промышленная палата", "工商会"),  # noqa: E501
        ("Employers' Federation", "Fédération des employeurs", "Federación de Empleadores", "اتحاد أصحاب العمل", "Федерация работодателей", "雇主联合会"),  # noqa: E501
        ("Mobile Money Operators' Association", "Association des opérateurs de monnaie mobile", "Asociación de Operadores de Dinero Móvil", "رابطة مشغلي الأموال عبر الهاتف المحمول", "Ассоциация операторов мобильных денег", "移动货币运营商协会"),  # noqa: E501
    ),
    OrganizationKind.ACADEMIA: (
        ("Migration Research Centre", "Centre de recherche sur les migrations", "Centro de Investigación sobre Migraciones", "مركز بحوث الهجرة", "Центр миграционных исследований", "移民研究中心"),  # noqa: E501
        ("National University", "Université nationale", "Universidad Nacional", "الجامعة الوطنية", "Национальный университет", "国立大学"),  # noqa: E501
        ("Institute of Development Studies", "Institut d'études du développement", "Instituto de Estudios del Desarrollo", "معهد دراسات التنمية", "Институт исследований развития", "发展研究所"),  # noqa: E501
    ),
}
#: How often each kind of organization implements a practice.
IMPLEMENTER_WEIGHTS = {
    OrganizationKind.GOVERNMENT: 40,
    OrganizationKind.LOCAL_AUTHORITY: 10,
    OrganizationKind.CIVIL_SOCIETY: 15,
    OrganizationKind.UN_ENTITY: 12,
    OrganizationKind.INTERGOVERNMENTAL: 5,
    OrganizationKind.PRIVATE_SECTOR: 8,
    OrganizationKind.ACADEMIA: 10,
}

FUNCTIONS: tuple[P, ...] = (
    ("Programme coordinator", "Coordinateur du programme", "Coordinador del programa", "منسق البرنامج", "Координатор программы", "项目协调员"),  # noqa: E501
    ("Head of unit", "Chef de service", "Jefe de unidad", "رئيس الوحدة", "Начальник отдела", "处长"),  # noqa: E501
    ("Policy officer", "Chargé de mission", "Oficial de políticas", "مسؤول السياسات", "Специалист по вопросам политики", "政策干事"),  # noqa: E501
    ("Director", "Directeur", "Director", "المدير", "Директор", "主任"),
)
LINK_TITLES: tuple[P, ...] = (
    ("Programme website", "Site du programme", "Sitio del programa", "موقع البرنامج", "Сайт программы", "项目网站"),  # noqa: E501
    ("Evaluation report", "Rapport d'évaluation", "Informe de evaluación", "تقرير التقييم", "Оценочный доклад", "评估报告"),  # noqa: E501
)
#: Given names and family names by language; Russian and Chinese names come whole.
PEOPLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("Amina", "David", "Grace", "Samuel", "Maria", "John", "Fatima", "Peter", "Aisha", "Michael", "Sarah", "Joseph", "Nadia", "Daniel", "Ruth", "Kwame", "Priya", "Thomas", "Leila", "James"),  # noqa: E501
        ("Mensah", "Okafor", "Smith", "Banda", "Fernando", "Reyes", "Haddad", "Kumar", "Nguyen", "Brown", "Osei", "Santos", "Mwangi", "Perera", "Wilson", "Ali", "Park", "Tan", "Mukherjee", "Johnson"),  # noqa: E501
    ),
    "fr": (
        ("Awa", "Jean", "Fatou", "Pierre", "Mariam", "Luc", "Aminata", "Claire", "Moussa", "Sophie", "Ibrahima", "Camille", "Khadija", "Olivier", "Nathalie"),  # noqa: E501
        ("Diallo", "Traoré", "Martin", "Ndiaye", "Dubois", "Camara", "Lefebvre", "Koné", "Bernard", "Benali", "Moreau", "Sow", "Girard", "Touré", "Petit"),  # noqa: E501
    ),
    "es": (
        ("Ana", "Carlos", "Lucía", "José", "María", "Jorge", "Carmen", "Luis", "Rosa", "Miguel", "Elena", "Pedro", "Isabel", "Andrés", "Gabriela"),  # noqa: E501
        ("García", "Rodríguez", "Martínez", "López", "Hernández", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Morales"),  # noqa: E501
    ),
    "ar": (
        ("محمد", "فاطمة", "أحمد", "مريم", "علي", "خديجة", "يوسف", "ليلى", "عمر", "سلمى", "حسن", "نور"),  # noqa: E501
        ("الحسني", "بن علي", "المصري", "الخطيب", "العلوي", "حداد", "منصور", "الشامي", "عبد الله", "السيد"),  # noqa: E501
    ),
    "ru": (
        ("Анна Иванова", "Сергей Петров", "Елена Смирнова", "Алексей Назаров", "Ольга Кузнецова", "Тимур Алиев", "Айгуль Садыкова", "Дмитрий Соколов", "Наталья Попова", "Бахтияр Каримов", "Ирина Волкова", "Рустам Юсупов"),  # noqa: E501
        ("",),
    ),
    "zh-hans": (
        ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"),
        ("伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "军", "杰", "丽", "建华", "晓明"),
    ),
}

#: What reviewers write, approving or asking for changes.
ANALYSES: dict[str, tuple[P, ...]] = {
    Decision.APPROVE: (
        ("The practice is well documented and its results are supported by evaluation data.", "La pratique est bien documentée et ses résultats sont étayés par des données d'évaluation.", "La práctica está bien documentada y sus resultados se apoyan en datos de evaluación.", "الممارسة موثقة جيداً ونتائجها مدعومة ببيانات التقييم.", "Практика хорошо задокументирована, её результаты подтверждены данными оценки.", "该做法记录完整，其成果有评估数据支持。"),  # noqa: E501
        ("A clear example of cooperation between countries of origin and destination that others could adapt.", "Un exemple clair de coopération entre pays d'origine et de destination, que d'autres pourraient adapter.", "Un ejemplo claro de cooperación entre países de origen y destino que otros podrían adaptar.", "مثال واضح على التعاون بين بلدان المنشأ والمقصد يمكن للآخرين تكييفه.", "Наглядный пример сотрудничества стран происхождения и назначения, который могут перенять другие.", "这是来源国与目的国合作的一个明确范例，其他国家可加以借鉴。"),  # noqa: E501
        ("Rights-based and gender-responsive; the lessons learned are candid and useful.", "Fondée sur les droits et sensible au genre ; les enseignements tirés sont francs et utiles.", "Basada en derechos y con perspectiva de género; las lecciones aprendidas son francas y útiles.", "قائمة على الحقوق ومراعية للنوع الاجتماعي، والدروس المستفادة صريحة ومفيدة.", "Практика основана на правах человека и учитывает гендерные аспекты; извлечённые уроки честны и полезны.", "以权利为本并顾及性别因素；总结的经验教训坦率且有用。"),  # noqa: E501
        ("Sustainable funding and strong local ownership; recommended for publication.", "Financement durable et forte appropriation locale ; publication recommandée.", "Financiación sostenible y fuerte apropiación local; se recomienda su publicación.", "تمويل مستدام وملكية محلية قوية؛ يوصى بالنشر.", "Устойчивое финансирование и высокая заинтересованность на местах; рекомендуется к публикации.", "资金可持续，地方自主性强；建议发布。"),  # noqa: E501
    ),
    Decision.REQUEST_CHANGES: (
        ("Please give figures on how many people took part and what it cost.", "Merci d'indiquer combien de personnes ont participé et quel en a été le coût.", "Indique cuántas personas participaron y cuál fue el costo.", "يرجى تقديم أرقام عن عدد المشاركين والتكلفة.", "Просим указать число участников и стоимость.", "请提供参与人数和费用的数据。"),  # noqa: E501
        ("The results section describes activities, not outcomes; please add evidence.", "La section sur les résultats décrit des activités et non des effets ; merci d'ajouter des éléments probants.", "La sección de resultados describe actividades, no resultados; añada evidencias.", "يصف قسم النتائج الأنشطة لا النتائج؛ يرجى إضافة أدلة.", "В разделе о результатах описаны мероприятия, а не итоги; просим привести доказательства.", "成果部分描述的是活动而非成效，请补充证据。"),  # noqa: E501
        ("Explain how the rights of migrants in an irregular situation are protected.", "Veuillez expliquer comment les droits des migrants en situation irrégulière sont protégés.", "Explique cómo se protegen los derechos de los migrantes en situación irregular.", "يرجى توضيح كيفية حماية حقوق المهاجرين في وضع غير نظامي.", "Поясните, как защищаются права мигрантов с неурегулированным статусом.", "请说明如何保护非正常移民的权利。"),  # noqa: E501
        ("Say what others would need to replicate it, and what did not work.", "Précisez ce dont d'autres auraient besoin pour la reproduire et ce qui n'a pas fonctionné.", "Indique qué necesitarían otros para replicarla y qué no funcionó.", "يرجى بيان ما يحتاجه الآخرون لتكرارها وما الذي لم ينجح.", "Укажите, что потребуется другим для тиражирования и что не сработало.", "请说明他人复制该做法需要什么，以及哪些方面未取得成效。"),  # noqa: E501
    ),
}
# fmt: on
CONFLICT_STATEMENT = "I advised the implementing organization when the practice was designed."

#: Where practices stand in review: most are published.
STAGE_WEIGHTS = {
    ReviewStatus.PUBLISHED: 72,
    ReviewStatus.APPROVED: 3,
    ReviewStatus.UNDER_REVIEW: 6,
    ReviewStatus.CHANGES_REQUESTED: 3,
    ReviewStatus.SUBMITTED: 4,
    ReviewStatus.DRAFT: 8,
    ReviewStatus.WITHDRAWN: 4,
}
LEVEL_WEIGHTS = {Level.LOCAL: 20, Level.NATIONAL: 45, Level.REGIONAL: 22, Level.GLOBAL: 13}
#: Qualified bodies whose analysts review practices; one demo analyst each if they have none.
REVIEWING_BODIES = ("ilo", "iom", "undp", "unhcr", "unodc", "world-bank", "ohchr", "unfpa")
FIRST_YEAR, LAST_YEAR = 1995, 2026
#: The platform's records start with the Forum's first meeting.
PLATFORM_START = datetime.datetime(2007, 7, 9, tzinfo=datetime.UTC)
ACRONYM_SYLLABLES = (
    "AL", "BA", "CO", "DE", "FA", "MI", "NA", "PRO", "RE", "SA", "TA", "VI", "ZA", "KA", "LI", "MO",
    "PA", "SE", "TU", "NU", "RA", "GE", "DO", "BI",
)  # fmt: skip


LANGUAGE_INDEX = {code: i for i, code in enumerate(LANGUAGES)}
THEMES = tuple(Theme.values)
CRITERIA = tuple(Criterion.values)
ROLES = tuple(CountryRole.values)
BODY_KINDS = [str(kind) for kind in BODIES]


# The plan: every random choice for one practice, rendered later in any language.


@dataclass
class PlannedReview:
    reviewer: int
    version: int
    decision: str
    analysis: int
    ratings: dict[str, str]
    at: datetime.datetime


@dataclass
class PlannedAssignment:
    reviewer: int
    at: datetime.datetime
    has_conflict: bool | None
    declared_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None = None


@dataclass
class Plan:
    language: str
    stage: str
    level: str
    themes: list[str]
    topic: int
    group: int
    action: int
    also: tuple[str, int] | None
    problem: int
    results: list[int]
    evaluation: int | None
    title_form: int
    kind: int
    acronym: str
    sector: int
    background: int | None
    began: int
    methods: list[int]
    lessons: list[int]
    replication: int | None
    n: list[int]
    pct: list[int]
    states: list[tuple[int, str]]
    owner_state: int | None
    owner_organization: int | None
    implementer_kind: str
    implementer_body: int | None
    implementer: int | None
    partners: list[tuple[str, int, int | None]]
    objectives: list[int]
    sdgs: list[str]
    start_year: int
    end_year: int | None
    status: str
    contacts: list[tuple[int, int, int, str]]
    links: list[int]
    translation: str | None
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None = None
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    #: Creation times of the versions: v1, and v2 after changes were requested.
    versions: list[datetime.datetime] = field(default_factory=list)
    assignments: list[PlannedAssignment] = field(default_factory=list)
    reviews: list[PlannedReview] = field(default_factory=list)


@dataclass
class World:
    """What the generated practices refer to: States, organizations, reviewers."""

    states: list[State]
    states_by_region: dict[str, list[State]]
    owners: list[Organization]
    implementers: dict[str, list[Organization]]
    reviewers: list[tuple[Any, Organization]]
    assigner: Any
    practice_type: ContentType

    @classmethod
    def load(cls) -> "World":
        states = list(State.objects.order_by("iso3"))
        by_region: dict[str, list[State]] = {}
        for state in states:
            by_region.setdefault(state.region or "", []).append(state)
        organizations = list(
            Organization.objects.exclude(slug="gfmd-support-unit")
            .exclude(kind=OrganizationKind.GOVERNMENT)
            .order_by("slug")
        )
        implementers: dict[str, list[Organization]] = {}
        for organization in organizations:
            implementers.setdefault(organization.kind, []).append(organization)
        assigner = (
            get_user_model()
            .objects.filter(roles__kind=RoleKind.SECRETARIAT, is_active=True)
            .order_by("pk")
            .first()
        )
        return cls(
            states=states,
            states_by_region=by_region,
            owners=organizations,
            implementers=implementers,
            reviewers=demo_reviewers(),
            assigner=assigner,
            practice_type=ContentType.objects.get_for_model(Practice),
        )


def demo_reviewers() -> list[tuple[Any, Organization]]:
    """An analyst for each reviewing body: the first it has, or a demo account made for it."""
    User = get_user_model()
    reviewers = []
    for organization in Organization.objects.filter(slug__in=REVIEWING_BODIES).order_by("slug"):
        role = (
            Role.objects.filter(
                kind=RoleKind.ANALYST, organization=organization, user__is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if role is not None:
            reviewers.append((role.user, organization))
            continue
        username = f"demo.analyst.{organization.slug}@example.org"
        with transaction.atomic():
            user = User.objects.filter(username=username).first() or record_create(
                model=User,
                data={
                    "username": username,
                    "email": username,
                    "display_name": f"{organization.acronym or organization.name} analyst (demo)",
                    "password": make_password(None),
                },
                by=None,
                actor_name=ACTOR,
            )
            record_create(
                model=Role,
                data={"user": user, "kind": RoleKind.ANALYST, "organization": organization},
                by=None,
                actor_name=ACTOR,
            )
        reviewers.append((user, organization))
    return reviewers


def _table(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    """Values and cumulated weights, for `_pick`."""
    return [str(value) for value in weights], list(itertools.accumulate(weights.values()))


def _pick(rng: random.Random, table: tuple[list[str], list[int]]) -> str:
    return rng.choices(table[0], cum_weights=table[1])[0]


STAGES = _table(STAGE_WEIGHTS)
LEVELS = _table(LEVEL_WEIGHTS)
IMPLEMENTER_KINDS = _table(IMPLEMENTER_WEIGHTS)
LANGUAGE_TABLE = _table(dict(zip(LANGUAGES, LANGUAGE_WEIGHTS, strict=True)))


def _count(rng: random.Random) -> int:
    """A count as practices report them: mostly tens to thousands, rounded like people do."""
    value = int(math.exp(rng.uniform(math.log(12), math.log(60000))))
    if value > 1000:
        return round(value, -2)
    return round(value, -1) if value > 100 else value


def _moment(rng: random.Random, start: datetime.datetime, days: tuple[int, int]):
    return start + datetime.timedelta(days=rng.uniform(*days), seconds=rng.randint(0, 86399))


def _choose_states(rng: random.Random, world: World, level: str) -> list[tuple[int, str]]:
    """The countries involved and their roles: one origin and one destination at least."""
    origin = rng.choice(world.states)
    if level == Level.REGIONAL:
        neighbours = [s for s in world.states_by_region[origin.region] if s.pk != origin.pk]
        others = rng.sample(neighbours, rng.randint(1, 3))
    elif level == Level.LOCAL:
        others = rng.sample(world.states, rng.randint(0, 1))
    else:
        others = rng.sample(world.states, rng.randint(1, 2))
    chosen = [(origin.pk, CountryRole.ORIGIN.value)]
    for position, state in enumerate(s for s in others if s.pk != origin.pk):
        if position == 0:
            role = CountryRole.DESTINATION.value
        else:
            role = rng.choice(ROLES)
        chosen.append((state.pk, role))
    if len(chosen) == 1 and rng.random() < 0.5:
        chosen.append((origin.pk, CountryRole.DESTINATION.value))  # a country of both, e.g. Mexico
    return chosen


def _timeline(rng: random.Random, plan: Plan, world: World, now: datetime.datetime) -> None:
    """Dates, versions, assignments and reviews, as the plan's stage implies."""
    stage = plan.stage
    earliest = max(
        PLATFORM_START, datetime.datetime(plan.start_year - 1, 1, 1, tzinfo=datetime.UTC)
    )
    span = max((now - earliest).total_seconds() - 200 * 86400, 86400)
    plan.created_at = earliest + datetime.timedelta(seconds=rng.uniform(0, span))
    at = plan.created_at
    withdrawn_from = None
    if stage == ReviewStatus.WITHDRAWN:
        withdrawn_from = rng.choice(
            [ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.UNDER_REVIEW]
        )
    if stage != ReviewStatus.DRAFT and withdrawn_from != ReviewStatus.DRAFT:
        at = plan.submitted_at = _moment(rng, at, (1, 60))
        plan.versions.append(at)
    reviewed = stage in (
        ReviewStatus.UNDER_REVIEW,
        ReviewStatus.CHANGES_REQUESTED,
        ReviewStatus.APPROVED,
        ReviewStatus.PUBLISHED,
    ) or (withdrawn_from == ReviewStatus.UNDER_REVIEW)
    if reviewed:
        owner_body = plan.owner_organization
        candidates = [i for i, (_u, org) in enumerate(world.reviewers) if org.pk != owner_body]
        chosen = rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 2))))
        for reviewer in chosen:
            assigned = _moment(rng, at, (2, 30))
            # Only a practice still under review may wait for its reviewers' declarations.
            undeclared = stage == ReviewStatus.UNDER_REVIEW and rng.random() < 0.2
            declared = None if undeclared else _moment(rng, assigned, (0, 7))
            plan.assignments.append(
                PlannedAssignment(reviewer, assigned, False if declared else None, declared)
            )
        at = max(a.at for a in plan.assignments)
        if (
            stage == ReviewStatus.UNDER_REVIEW
            and rng.random() < 0.05
            and len(candidates) > len(chosen)
        ):
            # A reviewer declared a conflict of interest and was replaced.
            conflicted = plan.assignments[0]
            conflicted.has_conflict, conflicted.withdrawn_at = True, conflicted.declared_at or at
            spare = next(i for i in candidates if i not in chosen)
            replacement = _moment(rng, conflicted.withdrawn_at, (1, 10))
            plan.assignments.append(PlannedAssignment(spare, replacement, None, None))
            at = max(at, replacement)
        assessing = [a for a in plan.assignments if a.has_conflict is False]
        decided = stage in (ReviewStatus.APPROVED, ReviewStatus.PUBLISHED)
        asked_changes = stage == ReviewStatus.CHANGES_REQUESTED or (
            stage != ReviewStatus.WITHDRAWN and rng.random() < 0.25
        )
        if asked_changes and assessing:
            at = _moment(rng, at, (7, 60))
            plan.reviews.append(
                _review(rng, assessing[0].reviewer, 1, Decision.REQUEST_CHANGES.value, at)
            )
            if stage != ReviewStatus.CHANGES_REQUESTED:
                at = _moment(rng, at, (10, 90))
                plan.versions.append(at)
        if decided:
            for assignment in assessing or plan.assignments:
                if assignment.has_conflict is None:
                    assignment.has_conflict, assignment.declared_at = False, assignment.at
                at = _moment(rng, at, (5, 45))
                version = len(plan.versions)
                plan.reviews.append(
                    _review(rng, assignment.reviewer, version, Decision.APPROVE.value, at)
                )
        if stage == ReviewStatus.PUBLISHED:
            at = plan.published_at = _moment(rng, at, (2, 20))
    if stage == ReviewStatus.WITHDRAWN:
        at = _moment(rng, at, (5, 120))
    elif stage == ReviewStatus.DRAFT:
        at = _moment(rng, at, (0, 30))
    slack = datetime.timedelta(days=rng.uniform(1, 20))  # drawn always: seeds stay repeatable
    if at > now:
        # The story ran past today: move all of it back to end a few days ago.
        shift = at - now + slack
        plan.created_at -= shift
        plan.submitted_at = plan.submitted_at and plan.submitted_at - shift
        plan.published_at = plan.published_at and plan.published_at - shift
        plan.versions = [v - shift for v in plan.versions]
        for assignment in plan.assignments:
            assignment.at -= shift
            assignment.declared_at = assignment.declared_at and assignment.declared_at - shift
            assignment.withdrawn_at = assignment.withdrawn_at and assignment.withdrawn_at - shift
        for review in plan.reviews:
            review.at -= shift
        at -= shift
    plan.updated_at = at


def _review(rng: random.Random, reviewer: int, version: int, decision: str, at) -> PlannedReview:
    if decision == Decision.APPROVE:
        pool = ["met"] * 6 + ["partly_met"] * 2 + ["not_applicable"]
    else:
        pool = ["met"] * 2 + ["partly_met"] * 3 + ["not_met"] * 2
    ratings = {criterion: rng.choice(pool) for criterion in CRITERIA}
    analysis = rng.randrange(len(ANALYSES[decision]))
    return PlannedReview(reviewer, version, decision, analysis, ratings, at)


def _acronym(rng: random.Random) -> str:
    return "".join(rng.choice(ACRONYM_SYLLABLES) for _ in range(rng.randint(2, 3)))


def plan_practice(rng: random.Random, world: World, now: datetime.datetime) -> Plan:
    """Every choice about one practice, drawn from `rng` alone (so a seed gives the same)."""
    language = _pick(rng, LANGUAGE_TABLE)
    stage = _pick(rng, STAGES)
    level = _pick(rng, LEVELS)
    theme = rng.choice(THEMES)
    others = [t for t in THEMES if t != theme]
    themes = [theme] + rng.sample(others, rng.choices((0, 1, 2), weights=(45, 40, 15))[0])
    bank = BANKS[theme]
    also_theme = rng.choice(themes[1:]) if len(themes) > 1 and rng.random() < 0.8 else theme
    also_action = rng.randrange(len(BANKS[also_theme].actions))
    action = rng.randrange(len(bank.actions))
    also = None
    if (also_theme, also_action) != (theme, action) and rng.random() < 0.85:
        also = (also_theme, also_action)
    is_global = level == Level.GLOBAL and rng.random() < 0.7
    states = [] if is_global else _choose_states(rng, world, level)
    if rng.random() < 0.65:
        owner_state = rng.choice(states)[0] if states else rng.choice(world.states).pk
        owner_organization = None
    else:
        owner_state, owner_organization = None, rng.choice(world.owners).pk
    implementer_kind = _pick(rng, IMPLEMENTER_KINDS)
    registered = world.implementers.get(implementer_kind, [])
    implementer = (
        rng.choice(registered).pk if registered and implementer_kind not in BODIES else None
    )
    if implementer_kind not in BODIES and not registered:
        implementer_kind = OrganizationKind.CIVIL_SOCIETY.value
    implementer_body = (
        rng.randrange(len(BODIES[implementer_kind])) if implementer_kind in BODIES else None
    )
    partners: list[tuple[str, int, int | None]] = []
    for _ in range(rng.choices((0, 1, 2, 3), weights=(20, 35, 30, 15))[0]):
        if world.owners and rng.random() < 0.3:
            organization = rng.choice(world.owners)
            partners.append((organization.kind, -1, organization.pk))
        else:
            kind = rng.choice(BODY_KINDS)
            partners.append((kind, rng.randrange(len(BODIES[kind])), None))
    objectives = sorted(
        set(rng.sample([o for t in themes for o in BANKS[t].objectives], k=1))
        | set(rng.sample(range(1, 24), k=rng.choice((0, 0, 1, 2))))
        | {o for t in themes for o in BANKS[t].objectives if rng.random() < 0.3}
    )
    sdg_pool = sorted({s for t in themes for s in BANKS[t].sdgs})
    sdgs = sorted(rng.sample(sdg_pool, k=rng.randint(1, min(3, len(sdg_pool)))))
    start_year = min(LAST_YEAR, max(FIRST_YEAR, round(rng.triangular(FIRST_YEAR, LAST_YEAR, 2013))))
    end_year = None
    if start_year >= LAST_YEAR or (start_year == LAST_YEAR - 1 and rng.random() < 0.4):
        status = ImplementationStatus.PLANNED.value
    elif rng.random() < 0.45:
        status = ImplementationStatus.COMPLETED.value
        end_year = min(LAST_YEAR - 1, start_year + rng.randint(1, 10))
    else:
        status = ImplementationStatus.ONGOING.value
        if rng.random() < 0.3:
            end_year = rng.randint(LAST_YEAR, LAST_YEAR + 4)
    contacts = [
        (
            rng.randrange(len(PEOPLE[language][0])),
            rng.randrange(len(PEOPLE[language][1])),
            rng.randrange(len(FUNCTIONS)),
            str(rng.randint(1, 999)),
        )
        for _ in range(rng.choices((0, 1, 2), weights=(10, 70, 20))[0])
    ]
    translation = None
    if rng.random() < (0.06 if language == "en" else 0.3):
        translation = rng.choice(("fr", "es")) if language == "en" else "en"
    topic = rng.randrange(len(bank.topics))
    title_form = rng.choices((0, 1, 2), weights=(45, 30, 25))[0]
    if title_form == 0 and " for " in bank.topics[topic][0]:
        title_form = 1  # not "Hotline for victims for victims"
    plan = Plan(
        language=language,
        stage=stage,
        level=level,
        themes=themes,
        topic=topic,
        group=rng.randrange(len(bank.groups)),
        action=action,
        also=also,
        problem=rng.randrange(len(bank.problems)),
        results=rng.sample(range(len(bank.results)), rng.choice((1, 1, 2))),
        evaluation=rng.randrange(len(EVALUATIONS)) if rng.random() < 0.5 else None,
        title_form=title_form,
        kind=rng.randrange(len(KINDS[level])),
        acronym=_acronym(rng),
        sector=rng.randrange(len(SECTORS)),
        background=rng.randrange(len(BACKGROUND)) if rng.random() < 0.6 else None,
        began=rng.randrange(len(BEGAN)),
        methods=rng.sample(range(len(METHODS)), rng.randint(1, 2)),
        lessons=rng.sample(range(len(LESSONS)), rng.randint(1, 2)),
        replication=rng.randrange(len(REPLICATION)) if rng.random() < 0.7 else None,
        n=[_count(rng) for _ in range(4)],
        pct=[rng.randint(5, 85) for _ in range(3)],
        states=states,
        owner_state=owner_state,
        owner_organization=owner_organization,
        implementer_kind=implementer_kind,
        implementer_body=implementer_body,
        implementer=implementer,
        partners=partners,
        objectives=objectives,
        sdgs=sdgs,
        start_year=start_year,
        end_year=end_year,
        status=status,
        contacts=contacts,
        links=sorted(rng.sample(range(len(LINK_TITLES)), rng.choice((0, 1, 1, 2)))),
        translation=translation,
        created_at=now,
    )
    _timeline(rng, plan, world, now)
    return plan


# Rendering a plan in one language.


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value: int, language: str) -> str:
    grouped = f"{value:,}"
    if language in ("fr", "ru"):
        return grouped.replace(",", "\u00a0")
    if language == "es":
        return grouped.replace(",", ".") if value >= 10000 else str(value)
    if language == "en":
        return grouped
    return str(value)


class Renderer:
    """Turns plans into text in any language; knows the States and organizations by id."""

    def __init__(self, world: World) -> None:
        self.states = {s.pk: s for s in world.states}
        self.names = {s.pk: s.names for s in world.states}
        self.organizations = {o.pk: o for o in world.owners}

    def places(self, plan: Plan, language: str) -> list[str]:
        ids = list(dict.fromkeys(pk for pk, _role in plan.states))
        return [self.names[pk].get(language) or self.states[pk].name for pk in ids]

    def organization_name(self, pk: int, language: str) -> str:
        organization = self.organizations[pk]
        return organization.names.get(language) or organization.name

    def body_name(self, kind: str, index: int, organization: int | None, plan: Plan, language: str):
        li = LANGUAGE_INDEX[language]
        if organization is not None:
            return self.organization_name(organization, language)
        name = BODIES[kind][index][li]
        if kind == OrganizationKind.GOVERNMENT and plan.states:
            state = self.states[plan.states[index % len(plan.states)][0]]
            name += f" ({self.names[state.pk].get(language) or state.name})"
        return name

    def implementer_name(self, plan: Plan) -> str:
        if plan.implementer is not None:
            return self.organization_name(plan.implementer, plan.language)
        assert plan.implementer_body is not None
        return self.body_name(
            plan.implementer_kind, plan.implementer_body, None, plan, plan.language
        )

    def partner_rows(self, plan: Plan) -> list[tuple[str, str, int | None]]:
        rows: dict[str, tuple[str, str, int | None]] = {}
        for kind, index, organization in plan.partners:
            name = self.body_name(kind, index, organization, plan, plan.language)
            rows.setdefault(name, (name, kind, organization))
        return list(rows.values())

    def text(self, plan: Plan, language: str) -> dict[str, str]:
        """The practice's text fields in `language`."""
        li = LANGUAGE_INDEX[language]
        bank = BANKS[plan.themes[0]]
        places = self.places(plan, language)
        separator = LIST_SEPARATOR[li]
        if len(places) > 1:
            places_and = separator.join(places[:-1]) + AND[li] + places[-1]
        else:
            places_and = places[0] if places else ""
        topic = bank.topics[plan.topic][li]
        kind = KINDS[plan.level][plan.kind][li]
        values = {
            "topic": topic,
            "Topic": _capital(topic),
            "kind": kind,
            "Kind": _capital(kind),
            "group": bank.groups[plan.group][li],
            "places": separator.join(places),
            "places_and": places_and,
            "acronym": plan.acronym,
        }
        numbers = {
            "n": _number(plan.n[0], language),
            "pct": str(plan.pct[0]),
            "year": str(plan.start_year),
        }
        forms = TITLES if places else GLOBAL_TITLES
        title = forms[plan.title_form][li].format(**values)

        def sentences(*parts: str) -> str:
            return SENTENCE_SEPARATOR[li].join(p for p in parts if p)

        action = DOES[li].format(action=bank.actions[plan.action][li])
        also = ""
        if plan.also:
            also = ALSO[li].format(action=BANKS[plan.also[0]].actions[plan.also[1]][li])
        results = [
            bank.results[r][li].format(n=_number(plan.n[i + 1], language), pct=str(plan.pct[i + 1]))
            for i, r in enumerate(plan.results)
        ]
        summary = sentences(action, AIMED[li].format(group=values["group"]), results[0])
        context = sentences(
            bank.problems[plan.problem][li],
            BEGAN[plan.began][li].format(**numbers),
            BACKGROUND[plan.background][li].format(**numbers)
            if plan.background is not None
            else "",
            COUNTRIES[li].format(places=values["places"]) if places else WORLDWIDE[li],
        )
        partners = [name for name, _kind, _org in self.partner_rows(plan)]
        description = sentences(
            also,
            *(METHODS[m][li].format(**numbers) for m in plan.methods),
            SECTOR[li].format(sector=SECTORS[plan.sector][li]),
            PARTNERS[li].format(partners=separator.join(partners)) if partners else "",
        )
        evaluation = ""
        if plan.evaluation is not None:
            year = min(LAST_YEAR, max(plan.start_year + 2, plan.created_at.year))
            evaluation = EVALUATIONS[plan.evaluation][li].format(
                year=year, pct=str(plan.pct[2] % 40 + 55)
            )
        return {
            "title": title[:300],
            "summary": summary,
            "context": context,
            "description": description,
            "results": sentences(*results, evaluation),
            "lessons": sentences(*(LESSONS[i][li] for i in plan.lessons)),
            "replication": (
                REPLICATION[plan.replication][li].format(**numbers)
                if plan.replication is not None
                else ""
            ),
        }

    def contacts(self, plan: Plan) -> list[dict[str, str]]:
        language = plan.language
        li = LANGUAGE_INDEX[language]
        given, family = PEOPLE[language]
        found = []
        for first, last, function, number in plan.contacts:
            if language == "ru":
                name = given[first]
            elif language == "zh-hans":
                name = given[first] + family[last]
            else:
                name = f"{given[first]} {family[last]}"
            ascii_name = re.sub(r"[^a-z]+", ".", fold(name)).strip(".")
            local = ascii_name if ascii_name else f"contact{number}"
            found.append(
                {
                    "name": name,
                    "function": FUNCTIONS[function][li],
                    "email": f"{local}@example.org",
                }
            )
        return found

    def links(self, plan: Plan) -> list[dict[str, str]]:
        li = LANGUAGE_INDEX[plan.language]
        slug = plan.acronym.lower()
        paths = ("", "evaluation.pdf")
        return [
            {"title": LINK_TITLES[i][li], "url": f"https://{slug}.example.org/{paths[i]}"}
            for i in plan.links
        ]


# Preparing rows (pure Python, no database: it may run in another process) and writing them.


@dataclass
class Prepared:
    """One practice as rows to write, all but the ids the database gives."""

    fields: dict[str, Any]
    countries: list[tuple[int, str]]
    partners: list[tuple[str, str, int | None]]
    translation: tuple[str, dict[str, str]] | None
    #: (number, content, created at)
    versions: list[tuple[int, Any, Any]]
    #: (reviewer, body, assigned at, conflict, statement, declared at, withdrawn at)
    assignments: list[tuple[int, int, Any, bool | None, str, Any, Any]]
    #: (reviewer, version number, ratings, analysis, decision, created at)
    reviews: list[tuple[int, int, Any, str, str, Any]]
    #: The practice's columns (`PRACTICE_COLUMNS`), ready for the database.
    row: tuple[Any, ...]
    #: The audit snapshot, but for the id (see `_after`).
    after: Any


def _when(value: datetime.datetime | None) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _json(value: Any) -> Any:
    if connection.vendor == "sqlite":
        # The same JSON as the ORM's, without escaping non-ASCII characters: about half the
        # bytes for texts in Arabic, Chinese or Russian.
        return json.dumps(value, ensure_ascii=False)
    return connection.ops.adapt_json_value(value, None)


#: The practice's columns as written, and how each value is adapted.
PRACTICE_FIELDS = [f for f in Practice._meta.concrete_fields if not f.primary_key]


def _adapter(model_field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(model_field, models.JSONField):
        return _json
    if isinstance(model_field, models.DateTimeField):
        return _when
    return None


def _practice_row(fields: dict[str, Any]) -> tuple[Any, ...]:
    row = []
    for model_field in PRACTICE_FIELDS:
        value = fields.get(model_field.attname)
        adapt = _adapter(model_field)
        row.append(adapt(value) if adapt else value)
    return tuple(row)


#: How an audit snapshot's JSON starts before the practice has an id.
NO_ID = '{"id": null'


def _after(fields: dict[str, Any]) -> Any:
    """The audit snapshot of a practice not yet written (on SQLite, already as JSON)."""
    after = snapshot(Practice(**fields))
    if connection.vendor != "sqlite":
        return after
    text = json.dumps(after, ensure_ascii=False)
    assert text.startswith(NO_ID)
    return text


def _with_id(after: Any, pk: int) -> Any:
    if isinstance(after, str):
        return f'{{"id": {pk}' + after[len(NO_ID) :]
    return _json(dict(after, id=pk))


def prepare(plan: Plan, world: World, renderer: Renderer) -> Prepared:
    """The rows of one planned practice."""
    li = LANGUAGE_INDEX[plan.language]
    fields = {
        "owner_state_id": plan.owner_state,
        "owner_organization_id": plan.owner_organization,
        "language": plan.language,
        **renderer.text(plan, plan.language),
        "level": plan.level,
        "is_global": not plan.states,
        "implementer_name": renderer.implementer_name(plan),
        "implementer_kind": plan.implementer_kind,
        "implementer_id": plan.implementer,
        "themes": plan.themes,
        "objectives": plan.objectives,
        "sdg_targets": plan.sdgs,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "implementation_status": plan.status,
        "contacts": renderer.contacts(plan),
        "links": renderer.links(plan),
        "review_status": plan.stage,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "submitted_at": plan.submitted_at,
        "published_at": plan.published_at,
    }
    partners = renderer.partner_rows(plan)
    translation = None
    if plan.translation:
        translation = (plan.translation, renderer.text(plan, plan.translation))
    versions = []
    if plan.versions:
        # What `services.version_content` keeps when a practice is submitted.
        content = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
        content["implementer"] = plan.implementer
        content["countries"] = sorted(
            f"{renderer.states[state].iso3} ({role})" for state, role in plan.states
        )
        content["partners"] = [f"{name} ({kind})" for name, kind, _org in partners]
        content["translations"] = dict([translation]) if translation else {}
        for number, at in enumerate(plan.versions, start=1):
            if number < len(plan.versions):
                # What the reviewers asked to change: the first version said less.
                earlier = dict(content, results=content["results"].split(". ")[0])
                versions.append((number, _json(earlier), _when(at)))
            else:
                versions.append((number, _json(content), _when(at)))
    assignments = []
    for a in plan.assignments:
        user, organization = world.reviewers[a.reviewer]
        assignments.append(
            (
                user.pk,
                organization.pk,
                _when(a.at),
                a.has_conflict,
                CONFLICT_STATEMENT if a.has_conflict else "",
                _when(a.declared_at),
                _when(a.withdrawn_at),
            )
        )
    reviews = [
        (
            world.reviewers[r.reviewer][0].pk,
            r.version,
            _json(r.ratings),
            ANALYSES[r.decision][r.analysis][li],
            r.decision,
            _when(r.at),
        )
        for r in plan.reviews
    ]
    return Prepared(
        fields=fields,
        countries=plan.states,
        partners=partners,
        translation=translation,
        versions=versions,
        assignments=assignments,
        reviews=reviews,
        row=_practice_row(fields),
        after=_after(fields),
    )


def prepared_batches(
    *, count: int, seed: int, batch_size: int, world: World, now: datetime.datetime
) -> Iterator[list[Prepared]]:
    """The practices to write, batch by batch, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311  repeatable demo data, not secrets
    renderer = Renderer(world)
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        yield [prepare(plan_practice(rng, world, now), world, renderer) for _ in range(size)]


def _feed(batches: Iterator[list[Prepared]], queue: Any) -> None:
    try:
        for batch in batches:
            queue.put(("batch", batch))
        queue.put(("done", None))
    except BaseException:  # noqa: BLE001  reported to the writing process, which raises it
        queue.put(("error", traceback.format_exc()))


def in_other_process(batches: Iterator[list[Prepared]]) -> Iterator[list[Prepared]]:
    """The same batches, prepared by a forked process while this one writes the previous
    ones. The child only computes: it never touches the database connection it inherits."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2)
    child = context.Process(target=_feed, args=(batches, queue), daemon=True)
    child.start()
    try:
        while True:
            try:
                kind, value = queue.get(timeout=5)
            except Empty:
                if not child.is_alive():
                    raise RuntimeError("The process preparing demo data stopped.") from None
                continue
            if kind == "done":
                return
            if kind == "error":
                raise RuntimeError(f"Preparing demo data failed:\n{value}")
            yield value
    finally:
        if child.is_alive():
            child.kill()
        child.join()


class Rows:
    """Rows written straight into a table with one `executemany`: the ORM's bulk_create
    spends more time composing the SQL than the database spends writing the rows."""

    def __init__(self, model: type[models.Model], columns: tuple[str, ...]) -> None:
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  names from the model
            quote(model._meta.db_table),
            ", ".join(quote(model._meta.get_field(c).column) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        self.values: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.values.append(values)

    def write(self) -> int:
        if self.values:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.values)
        return len(self.values)


@dataclass
class DemoReport:
    practices: int = 0
    by_stage: Counter = field(default_factory=Counter)
    by_language: Counter = field(default_factory=Counter)
    translations: int = 0
    versions: int = 0
    assignments: int = 0
    reviews: int = 0
    audit_events: int = 0
    search_documents: int = 0
    first_id: int | None = None
    last_id: int | None = None
    seconds: float = 0.0


def _insert_practices(rows: list[tuple[Any, ...]]) -> list[int]:
    """Insert practices, a few hundred per statement, and return their ids in order."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in PRACTICE_FIELDS)
    one = "(" + ", ".join(["%s"] * len(PRACTICE_FIELDS)) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 400):
            chunk = rows[start : start + 400]
            cursor.execute(
                f"INSERT INTO {quote(Practice._meta.db_table)} ({columns}) "  # noqa: S608  names from the model
                f"VALUES {', '.join([one] * len(chunk))} RETURNING {quote('id')}",
                [value for row in chunk for value in row],
            )
            # One statement's rows get increasing ids in the order of its VALUES; RETURNING
            # need not list them in that order.
            ids += sorted(pk for (pk,) in cursor.fetchall())
    return ids


def write_batch(batch: list[Prepared], world: World, *, site_search: bool) -> DemoReport:
    """Write prepared practices, their audit events and their index rows; call it in a
    transaction."""
    ids = _insert_practices([p.row for p in batch])

    countries = Rows(PracticeCountry, ("practice", "state", "role"))
    partners = Rows(PracticePartner, ("practice", "name", "kind", "organization"))
    translations = Rows(PracticeTranslation, ("practice", "language", *TEXT_FIELDS))
    versions = Rows(PracticeVersion, ("practice", "number", "content", "created_at"))
    assignments = Rows(
        ReviewAssignment,
        ("practice", "reviewer", "organization", "assigned_by", "assigned_at", "has_conflict")
        + ("conflict_statement", "declared_at", "withdrawn_at"),
    )
    events = Rows(
        AuditEvent,
        ("at", "actor", "actor_label", "action", "content_type", "object_id", "object_repr")
        + ("before", "after", "acting_for_label"),
    )
    written_at = _when(timezone.now())
    assigner = world.assigner.pk if world.assigner else None
    for pk, p in zip(ids, batch, strict=True):
        for state, role in p.countries:
            countries.add(pk, state, role)
        for name, kind, organization in p.partners:
            partners.add(pk, name[:300], kind, organization)
        if p.translation:
            language, words = p.translation
            translations.add(pk, language, *(words[name] for name in TEXT_FIELDS))
        for number, content, at in p.versions:
            versions.add(pk, number, content, at)
        for reviewer, body, *when in p.assignments:
            assignments.add(pk, reviewer, body, assigner, *when)
        title = p.fields["title"][:300]
        events.add(
            written_at,
            None,
            ACTOR,
            AuditAction.CREATE.value,
            world.practice_type.pk,
            str(pk),
            title,
            None,
            _with_id(p.after, pk),
            ACTOR,
        )
    for rows in (countries, partners, translations, versions, assignments, events):
        rows.write()

    # Reviews point at versions and assignments: read back the ids just given to them.
    version_ids = {
        (practice, number): pk
        for pk, practice, number in PracticeVersion.objects.filter(practice__in=ids).values_list(
            "pk", "practice", "number"
        )
    }
    assignment_ids = {
        (practice, reviewer): pk
        for pk, practice, reviewer in ReviewAssignment.objects.filter(practice__in=ids).values_list(
            "pk", "practice", "reviewer"
        )
    }
    reviews = Rows(
        Review, ("assignment", "version", "ratings", "analysis", "decision", "created_at")
    )
    for pk, p in zip(ids, batch, strict=True):
        for reviewer, number, ratings, analysis, decision, at in p.reviews:
            assignment, version = assignment_ids[(pk, reviewer)], version_ids[(pk, number)]
            reviews.add(assignment, version, ratings, analysis, decision, at)
    reviews.write()

    text_index.index(ids)
    report = DemoReport()
    stages = [p.fields["review_status"] for p in batch]
    published = [pk for pk, stage in zip(ids, stages, strict=True) if stage == "published"]
    if site_search and published:
        spec = spec_for(Practice)
        assert spec is not None
        report.search_documents = index_objects(
            world.practice_type, list(spec.queryset().filter(pk__in=published))
        )
    report.practices = len(ids)
    report.by_stage.update(stages)
    report.by_language.update(p.fields["language"] for p in batch)
    report.translations = len(translations.values)
    report.versions = len(versions.values)
    report.assignments = len(assignments.values)
    report.reviews = len(reviews.values)
    report.audit_events = len(events.values)
    report.first_id, report.last_id = ids[0], ids[-1]
    return report


def practices_generate(
    *,
    count: int,
    seed: int = DEFAULT_SEED,
    batch_size: int = BATCH_SIZE,
    site_search: bool = True,
    progress: Callable[[DemoReport], None] | None = None,
) -> DemoReport:
    """Add `count` generated practices with their review history, audit events and index
    rows, one transaction per batch; the same seed gives the same practices."""
    started = time.perf_counter()
    world = World.load()
    if not world.states:
        raise ValueError("There are no States: run `migforum init` first.")
    batches = prepared_batches(
        count=count, seed=seed, batch_size=batch_size, world=world, now=timezone.now()
    )
    if count > 2 * batch_size and "fork" in multiprocessing.get_all_start_methods():
        batches = in_other_process(batches)
    total = DemoReport()
    for batch in batches:
        with transaction.atomic():
            report = write_batch(batch, world, site_search=site_search)
        for name in ("practices", "translations", "versions", "assignments", "reviews"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.audit_events += report.audit_events
        total.search_documents += report.search_documents
        total.by_stage += report.by_stage
        total.by_language += report.by_language
        total.first_id = total.first_id or report.first_id
        total.last_id = report.last_id
        total.seconds = time.perf_counter() - started
        if progress:
            progress(total)
    total.seconds = time.perf_counter() - started
    return total
