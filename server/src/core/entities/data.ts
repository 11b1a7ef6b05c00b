/**
 * Generic word lists the entity detector reads: cue words, titles, well-known places, function words,
 * universally known acronyms. None of it names a particular document's entities; extend it as data.
 */

/** The kinds of named entity the core tells apart. `other` is a name with no cue to its kind. */
export type EntityKind = 'person' | 'organization' | 'agreement' | 'program' | 'place' | 'event' | 'other';

export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organization', 'agreement', 'program', 'place', 'event', 'other'];

/** Titles that introduce a person's name: "Vice President Kamala Harris", "Ambassador Earl Anthony Wayne". Longest first. */
export const PERSON_TITLES = [
  'Vice President', 'Deputy Secretary', 'Under Secretary', 'Assistant Secretary', 'Foreign Minister', 'Prime Minister',
  'Attorney General', 'Secretary General', 'Secretary-General', 'Chief Justice', 'Special Envoy', 'Senator', 'Sen.', 'Rep.',
  'Representative', 'Congressman', 'Congresswoman', 'President', 'Presidente', 'Secretary', 'Secretario', 'Secretaria',
  'Ambassador', 'Embajador', 'Embajadora', 'Minister', 'Ministro', 'Governor', 'Gobernador', 'Gobernadora', 'Mayor',
  'Chancellor', 'Canciller', 'Commissioner', 'Director', 'Directora', 'General', 'Gen.', 'Admiral', 'Judge', 'Justice',
  'Dr.', 'Mr.', 'Mrs.', 'Ms.', 'Prof.', 'Professor', 'Lic.', 'Sr.', 'Sra.', 'Don', 'Doña', 'Pope', 'King', 'Queen',
];

/** Words that make a name an organisation or agency ("Department of Homeland Security", "Instituto Nacional Electoral"). */
export const ORGANIZATION_WORDS = [
  'Department', 'Agency', 'Institute', 'Institution', 'Instituto', 'Secretaría', 'Secretaria', 'Secretariat', 'Commission',
  'Comisión', 'Comision', 'Council', 'Consejo', 'Bureau', 'Office', 'Oficina', 'Service', 'Services', 'Servicio', 'Guard',
  'Guardia', 'Ministry', 'Ministerio', 'Administration', 'Bank', 'Banco', 'Congress', 'Congreso', 'Senate', 'Senado', 'House',
  'Court', 'Corte', 'Tribunal', 'Party', 'Partido', 'Movimiento', 'University', 'Universidad', 'Universidad', 'College',
  'Center', 'Centre', 'Centro', 'Foundation', 'Fundación', 'Organization', 'Organizations', 'Organisation', 'Organización',
  'Embassy', 'Embajada', 'Consulate', 'Consulado', 'Mission', 'Fund', 'Fondo', 'Corporation', 'Company', 'Committee',
  'Comité', 'Board', 'Authority', 'Network', 'Red', 'Association', 'Asociación', 'Federation', 'Federación', 'Chamber',
  'Cámara', 'Forces', 'Army', 'Navy', 'Police', 'Policía', 'Fiscalía', 'Procuraduría', 'Group', 'Grupo', 'Alliance',
  'Alianza', 'Union', 'Unión', 'Coalition', 'Cartel', 'Cártel', 'Organizations', 'Nations', 'Reserve', 'Survey',
  'Administración', 'Caucus', 'Observatory', 'Observatorio', 'Academy', 'Academia', 'Laboratory', 'Tecnológico', 'Petróleos',
  'Electricidad', 'Unit', 'Unidad', 'Directorate', 'Dirección', 'Command', 'Comando', 'Team', 'Task', 'Force', 'Patrol',
];

/** Words that make a name an agreement, treaty or legal instrument. */
export const AGREEMENT_WORDS = [
  'Agreement', 'Agreements', 'Treaty', 'Accord', 'Accords', 'Framework', 'Tratado', 'Acuerdo', 'Convention', 'Convención',
  'Protocol', 'Protocolo', 'Act', 'Ley', 'Law', 'Declaration', 'Declaración', 'Charter', 'Compact', 'Pact', 'Pacto',
  'Memorandum', 'Order', 'Amendment', 'Constitution', 'Constitución', 'Reform', 'Reforma',
];

/** Words that make a name a programme or initiative. */
export const PROGRAM_WORDS = [
  'Initiative', 'Iniciativa', 'Program', 'Programs', 'Programme', 'Programa', 'Plan', 'Strategy', 'Estrategia', 'Project',
  'Proyecto', 'Partnership', 'Campaign', 'Campaña', 'Operation', 'Operativo', 'Operación', 'Policy', 'Política', 'Agenda',
  'Protocols', 'Scheme', 'Survey', 'Census', 'Index',
];

/** Words that make a name an event or recurring meeting. */
export const EVENT_WORDS = [
  'Summit', 'Cumbre', 'Dialogue', 'Diálogo', 'Dialogo', 'Conference', 'Conferencia', 'Forum', 'Foro', 'Meeting', 'Reunión',
  'Mesa', 'Talks', 'Round', 'Olympics', 'Games', 'Election', 'Elections', 'Elección', 'Cup', 'Expo', 'Assembly', 'Asamblea',
  'War', 'Guerra', 'Crisis', 'Revolution', 'Revolución',
];

/** Words that make a name a place: "Mexico City", "Gulf of Mexico", "Ciudad Juárez". */
export const PLACE_WORDS = [
  'City', 'Ciudad', 'State', 'Estado', 'County', 'Province', 'Provincia', 'Region', 'Región', 'Valley', 'Valle', 'River',
  'Río', 'Rio', 'Gulf', 'Golfo', 'Bay', 'Bahía', 'Lake', 'Lago', 'Mountains', 'Sierra', 'Island', 'Islands', 'Isla', 'Peninsula',
  'Península', 'Coast', 'Costa', 'Basin', 'Cuenca', 'Hemisphere', 'Corridor', 'Corredor', 'Isthmus', 'Istmo', 'Canal', 'Port',
  'Puerto', 'Border', 'Triangle', 'Strait',
];

/** Countries, regions and capitals commonly named in policy writing (English and Spanish spellings). */
export const PLACE_NAMES = [
  'United States', 'United States of America', 'Estados Unidos', 'America', 'Mexico', 'México', 'Canada', 'Canadá',
  'Guatemala', 'Honduras', 'El Salvador', 'Nicaragua', 'Costa Rica', 'Panama', 'Panamá', 'Belize', 'Cuba', 'Haiti', 'Haití',
  'Dominican Republic', 'Jamaica', 'Venezuela', 'Colombia', 'Ecuador', 'Peru', 'Perú', 'Bolivia', 'Brazil', 'Brasil', 'Chile',
  'Argentina', 'Uruguay', 'Paraguay', 'China', 'Japan', 'Korea', 'South Korea', 'North Korea', 'India', 'Russia', 'Ukraine',
  'Germany', 'France', 'Spain', 'España', 'Italy', 'United Kingdom', 'Britain', 'Great Britain', 'Europe', 'European Union',
  'Asia', 'Africa', 'Australia', 'Taiwan', 'Vietnam', 'Israel', 'Iran', 'Iraq', 'Syria', 'Afghanistan', 'Turkey', 'Egypt',
  'Latin America', 'Central America', 'North America', 'South America', 'Caribbean', 'Western Hemisphere', 'Middle East',
  'Washington', 'Mexico City', 'Ciudad de México', 'Ottawa', 'Guatemala City', 'Tegucigalpa', 'San Salvador', 'Managua',
  'Havana', 'Caracas', 'Bogotá', 'Bogota', 'Quito', 'Lima', 'La Paz', 'Santiago', 'Buenos Aires', 'Montevideo', 'Asunción',
  'Brasília', 'Brasilia', 'Beijing', 'Tokyo', 'Moscow', 'Kyiv', 'Kiev', 'Berlin', 'Paris', 'Madrid', 'London', 'Rome',
  'Geneva', 'Brussels', 'New York', 'Los Angeles', 'Chicago', 'Houston', 'San Diego', 'El Paso', 'Tijuana', 'Ciudad Juárez',
  'Juárez', 'Monterrey', 'Guadalajara', 'Cancún', 'Texas', 'California', 'Arizona', 'New Mexico', 'Florida', 'Illinois',
  'Michigan', 'Ohio', 'Georgia', 'Oregon', 'Tennessee', 'Pennsylvania', 'North Carolina', 'Indiana', 'Louisiana',
  'Wisconsin', 'Missouri', 'Nevada', 'Colorado', 'Virginia', 'Chihuahua', 'Sonora', 'Coahuila', 'Nuevo León', 'Tamaulipas',
  'Baja California', 'Sinaloa', 'Jalisco', 'Michoacán', 'Guerrero', 'Oaxaca', 'Chiapas', 'Tabasco', 'Veracruz', 'Yucatán',
  'Quintana Roo', 'Puebla', 'Campeche', 'Zacatecas', 'Durango', 'Guanajuato', 'Querétaro', 'Hidalgo', 'Morelos', 'Cusco',
  'Rio Grande', 'Río Bravo', 'Amazon', 'Panama Canal', 'Gulf of Mexico', 'Pacific', 'Atlantic', 'Arctic',
];

/** Lower-case words that may join the capitalised words of one name ("Department of Homeland Security", "Comisión Federal de Electricidad"). */
export const NAME_CONNECTORS = ['of', 'for', 'and', 'on', 'the', 'de', 'del', 'la', 'las', 'el', 'los', 'y', 'e', 'to', 'in', 'against', '&'];

/**
 * Capitalised words that start sentences or headings but are not names, in English and Spanish.
 * A phrase made only of these is never an entity; a phrase starting with one loses it.
 */
export const FUNCTION_WORDS = [
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'It', 'Its', 'In', 'On', 'At', 'By', 'For', 'From', 'To', 'Of', 'With',
  'And', 'Or', 'But', 'As', 'If', 'When', 'While', 'Although', 'Though', 'Since', 'After', 'Before', 'During', 'Under',
  'Over', 'Through', 'Between', 'Among', 'Both', 'Each', 'Every', 'All', 'Some', 'Many', 'Most', 'Several', 'Other', 'Such',
  'We', 'Our', 'Us', 'You', 'Your', 'They', 'Their', 'He', 'She', 'His', 'Her', 'I', 'My', 'There', 'Here', 'What', 'Which',
  'Who', 'How', 'Why', 'Where', 'Yet', 'So', 'Also', 'However', 'Moreover', 'Furthermore', 'Nevertheless', 'Finally',
  'First', 'Second', 'Third', 'Fourth', 'Last', 'Next', 'New', 'More', 'Less', 'Not', 'No', 'Yes', 'Only', 'Even', 'Still',
  'Likewise', 'Similarly', 'Regardless', 'Despite', 'Instead', 'Further', 'Thus', 'Therefore', 'Meanwhile', 'Today', 'Now',
  'Then', 'One', 'Two', 'Three', 'Four', 'Five', 'Ten', 'Given', 'Based', 'Including', 'According', 'Source', 'Sources', 'Note',
  'Notes', 'See', 'Table', 'Figure', 'Chart', 'Annex', 'Appendix', 'Page', 'Contents', 'Introduction', 'Conclusion',
  'Conclusions', 'Summary', 'Abstract', 'Background', 'Overview', 'Recommendations', 'Objective', 'Goal', 'Mission Goal',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Mr', 'Mrs', 'Ms', 'Dr',
  'El', 'La', 'Los', 'Las', 'Un', 'Una', 'De', 'Del', 'En', 'Por', 'Para', 'Con', 'Sin', 'Sobre', 'Entre', 'Desde', 'Hasta',
  'Este', 'Esta', 'Estos', 'Estas', 'Ese', 'Esa', 'Que', 'Como', 'Cuando', 'Donde', 'Pero', 'Sin', 'Así', 'Además', 'También',
  'Resumen', 'Palabras', 'Introducción', 'Conclusiones',
];

/** Adjectives of nationality: capitalised but not names ("Mexican authorities"). A name may still contain them ("Mexican Social Security Institute"). */
export const DEMONYM_PATTERN = /^(?:\p{Lu}\p{Ll}+(?:an|ian|ean|ese|ish|ic|i|ino|ina|ano|ana|ense|eño|eña|ico|ica|ese|és|esa)s?)$/u;

/**
 * Acronyms readers know without an expansion; never reported as undefined. Some map to a long name
 * so that "U.S." and "United States" are one entity.
 */
export const WELL_KNOWN_ACRONYMS: Readonly<Record<string, string | null>> = {
  US: 'United States', USA: 'United States', 'U.S.': 'United States', 'U.S.A.': 'United States', UK: 'United Kingdom',
  'U.K.': 'United Kingdom', EU: 'European Union', UN: 'United Nations', 'U.N.': 'United Nations', NATO: null, COVID: null,
  GDP: null, GNP: null, CEO: null, CEOs: null, NGO: null, NGOs: null, OK: null, TV: null, AM: null, PM: null, AI: null,
  IT: null, ID: null, PhD: null, MA: null, BA: null, MBA: null, DC: null, 'D.C.': null, HIV: null, AIDS: null, DNA: null,
  PDF: null, URL: null, FAQ: null, USD: null, MXN: null, EUR: null, CAD: null, KM: null, MW: null, GW: null, KW: null,
  CO2: null, LGBT: null, LGBTQ: null, LGBTQI: null, FY: null, Q1: null, Q2: null, Q3: null, Q4: null, FBI: null, CIA: null,
  NASA: null, WHO: null, IMF: null, OECD: null, WTO: null, G7: null, G20: null, SARS: null, WWW: null, HTTP: null, HTTPS: null,
  COM: null, ORG: null, NA: null, TBD: null, AP: null, ET: null, EST: null, UTC: null, VS: null, II: null, III: null,
};

/** Two-letter U.S. state and Mexican state postal codes: written in capitals, never acronyms to expand. */
export const REGION_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC',
  'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DF', 'BC', 'ON', 'QC',
];
