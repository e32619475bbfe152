// Postcode areas, towns, probation areas and street words (see
// pool_data.h), written for this project from general knowledge. District
// ranges are approximate; every postcode built from them has a valid UK
// shape.

#include "broker/synth/pool_data.h"

namespace liaison::synth {
namespace {

// Packed tables: keep clang-format from putting one entry per line.
// clang-format off
// Invented probation delivery unit codes, one per region: London, South
// East, South West, East of England, West Midlands, East Midlands, North
// West, Yorkshire, North East, Wales, Greater Manchester, Kent Surrey Sussex.
constexpr absl::string_view kProbationAreas[] = {"N07", "N54", "N52", "N56", "N53", "N55",
                                                 "N51", "N59", "N57", "N03", "N50", "N58"};

constexpr PostcodeAreaEntry kPostcodeAreas[] = {
    {"E", 18, false, 0, 90, "London,Stratford,Walthamstow"},
    {"EC", 4, true, 0, 8, "London"},
    {"N", 22, false, 0, 70, "London,Tottenham,Islington"},
    {"NW", 11, false, 0, 60, "London,Kilburn,Hendon"},
    {"SE", 28, false, 0, 100, "London,Lewisham,Peckham,Woolwich"},
    {"SW", 20, true, 0, 80, "London,Brixton,Wandsworth"},
    {"W", 14, true, 0, 50, "London,Ealing,Acton"},
    {"WC", 2, true, 0, 4, "London"},
    {"CR", 8, false, 0, 30, "Croydon,Thornton Heath"},
    {"BR", 8, false, 0, 25, "Bromley,Orpington"},
    {"IG", 11, false, 0, 25, "Ilford,Barking"},
    {"RM", 20, false, 0, 30, "Romford,Dagenham,Hornchurch"},
    {"EN", 11, false, 0, 25, "Enfield,Barnet"},
    {"HA", 9, false, 0, 30, "Harrow,Wembley"},
    {"UB", 10, false, 0, 25, "Southall,Hayes,Uxbridge"},
    {"TW", 20, false, 0, 30, "Twickenham,Hounslow,Feltham"},
    {"SM", 7, false, 0, 15, "Sutton,Morden"},
    {"B", 98, false, 4, 120, "Birmingham,Sutton Coldfield,Solihull"},
    {"CV", 47, false, 4, 35, "Coventry,Nuneaton,Rugby"},
    {"WV", 16, false, 4, 25, "Wolverhampton,Bilston"},
    {"WS", 15, false, 4, 25, "Walsall,Cannock"},
    {"DY", 14, false, 4, 25, "Dudley,Stourbridge,Kidderminster"},
    {"ST", 21, false, 4, 30, "Stoke-on-Trent,Newcastle-under-Lyme,Stafford"},
    {"TF", 13, false, 4, 10, "Telford,Newport"},
    {"WR", 15, false, 4, 15, "Worcester,Malvern"},
    {"HR", 9, false, 4, 6, "Hereford,Leominster"},
    {"SY", 25, false, 4, 8, "Shrewsbury,Oswestry"},
    {"NG", 34, false, 5, 50, "Nottingham,Mansfield,Newark"},
    {"DE", 75, false, 5, 35, "Derby,Burton upon Trent,Chesterfield"},
    {"LE", 67, false, 5, 40, "Leicester,Loughborough,Hinckley"},
    {"NN", 18, false, 5, 25, "Northampton,Kettering,Corby"},
    {"LN", 13, false, 5, 15, "Lincoln,Gainsborough,Skegness"},
    {"M", 46, false, 10, 110, "Manchester,Salford,Wythenshawe"},
    {"OL", 16, false, 10, 30, "Oldham,Rochdale,Ashton-under-Lyne"},
    {"BL", 9, false, 10, 25, "Bolton,Bury"},
    {"SK", 23, false, 10, 30, "Stockport,Macclesfield,Hyde"},
    {"WN", 8, false, 10, 20, "Wigan,Leigh"},
    {"L", 40, false, 6, 80, "Liverpool,Bootle,Huyton"},
    {"WA", 16, false, 6, 30, "Warrington,St Helens,Widnes"},
    {"PR", 26, false, 6, 25, "Preston,Chorley,Southport"},
    {"BB", 18, false, 6, 25, "Blackburn,Burnley,Accrington"},
    {"FY", 8, false, 6, 15, "Blackpool,Fleetwood"},
    {"LA", 23, false, 6, 15, "Lancaster,Morecambe,Kendal"},
    {"CA", 28, false, 6, 12, "Carlisle,Workington,Whitehaven"},
    {"CH", 66, false, 6, 30, "Chester,Birkenhead,Ellesmere Port"},
    {"CW", 12, false, 6, 20, "Crewe,Northwich"},
    {"LS", 29, false, 7, 70, "Leeds,Morley,Pudsey"},
    {"BD", 24, false, 7, 45, "Bradford,Keighley,Shipley"},
    {"S", 81, false, 7, 60, "Sheffield,Rotherham,Barnsley"},
    {"HU", 20, false, 7, 30, "Hull,Beverley"},
    {"DN", 41, false, 7, 35, "Doncaster,Scunthorpe,Grimsby"},
    {"WF", 17, false, 7, 30, "Wakefield,Pontefract,Dewsbury"},
    {"HD", 9, false, 7, 20, "Huddersfield,Holmfirth"},
    {"HX", 7, false, 7, 12, "Halifax,Brighouse"},
    {"HG", 5, false, 7, 8, "Harrogate,Knaresborough"},
    {"YO", 62, false, 7, 25, "York,Scarborough,Selby"},
    {"NE", 71, false, 8, 70, "Newcastle upon Tyne,Gateshead,North Shields"},
    {"SR", 9, false, 8, 20, "Sunderland,Seaham"},
    {"DH", 9, false, 8, 15, "Durham,Chester-le-Street,Stanley"},
    {"DL", 17, false, 8, 15, "Darlington,Bishop Auckland,Northallerton"},
    {"TS", 29, false, 8, 30, "Middlesbrough,Stockton-on-Tees,Hartlepool"},
    {"AB", 56, false, 8, 3, "Aberdeen,Peterhead"},
    {"CF", 83, false, 9, 40, "Cardiff,Barry,Caerphilly"},
    {"NP", 44, false, 9, 20, "Newport,Cwmbran,Pontypool"},
    {"SA", 73, false, 9, 30, "Swansea,Neath,Llanelli"},
    {"LL", 78, false, 9, 20, "Llandudno,Wrexham,Bangor,Rhyl"},
    {"LD", 8, false, 9, 2, "Llandrindod Wells,Builth Wells"},
    {"BS", 49, false, 2, 50, "Bristol,Weston-super-Mare"},
    {"BA", 22, false, 2, 15, "Bath,Yeovil,Frome"},
    {"GL", 56, false, 2, 25, "Gloucester,Cheltenham,Stroud"},
    {"SN", 26, false, 2, 20, "Swindon,Chippenham"},
    {"EX", 39, false, 2, 20, "Exeter,Barnstaple,Exmouth"},
    {"PL", 35, false, 2, 20, "Plymouth,Tavistock"},
    {"TQ", 14, false, 2, 12, "Torquay,Paignton,Newton Abbot"},
    {"TR", 27, false, 2, 10, "Truro,Penzance,Newquay"},
    {"TA", 24, false, 2, 12, "Taunton,Bridgwater"},
    {"BH", 31, false, 2, 25, "Bournemouth,Poole,Christchurch"},
    {"DT", 11, false, 2, 8, "Dorchester,Weymouth"},
    {"SP", 11, false, 2, 8, "Salisbury,Andover"},
    {"SO", 53, false, 1, 30, "Southampton,Eastleigh,Winchester"},
    {"PO", 41, false, 1, 30, "Portsmouth,Havant,Newport"},
    {"RG", 45, false, 1, 35, "Reading,Basingstoke,Newbury"},
    {"OX", 49, false, 1, 25, "Oxford,Banbury,Witney"},
    {"SL", 9, false, 1, 15, "Slough,Maidenhead"},
    {"HP", 23, false, 1, 20, "Hemel Hempstead,High Wycombe,Aylesbury"},
    {"MK", 46, false, 1, 25, "Milton Keynes,Bedford"},
    {"GU", 52, false, 11, 30, "Guildford,Aldershot,Woking"},
    {"KT", 24, false, 11, 25, "Kingston upon Thames,Epsom"},
    {"RH", 20, false, 11, 25, "Redhill,Crawley,Horsham"},
    {"BN", 45, false, 11, 35, "Brighton,Hove,Worthing,Eastbourne"},
    {"TN", 40, false, 11, 25, "Tonbridge,Hastings,Maidstone"},
    {"ME", 20, false, 11, 25, "Rochester,Chatham,Gillingham"},
    {"CT", 21, false, 11, 20, "Canterbury,Margate,Dover"},
    {"DA", 18, false, 11, 20, "Dartford,Gravesend,Bexleyheath"},
    {"LU", 7, false, 3, 20, "Luton,Dunstable"},
    {"AL", 10, false, 3, 12, "St Albans,Harpenden"},
    {"SG", 19, false, 3, 15, "Stevenage,Hitchin"},
    {"WD", 25, false, 3, 15, "Watford,Borehamwood"},
    {"CM", 24, false, 3, 25, "Chelmsford,Harlow,Basildon"},
    {"SS", 17, false, 3, 20, "Southend-on-Sea,Basildon"},
    {"CO", 16, false, 3, 15, "Colchester,Clacton-on-Sea"},
    {"IP", 33, false, 3, 20, "Ipswich,Bury St Edmunds,Lowestoft"},
    {"NR", 35, false, 3, 25, "Norwich,Great Yarmouth,King's Lynn"},
    {"CB", 11, false, 3, 15, "Cambridge,Ely"},
    {"PE", 38, false, 3, 30, "Peterborough,Huntingdon,Spalding"},
};

constexpr absl::string_view kStreetWords[] = {
    "Church", "Station", "Park", "Victoria", "High", "Green", "Manor", "Mill", "School",
    "Queens", "Kings", "Grange", "New", "Chapel", "Albert", "York", "Windsor", "Elm", "Oak",
    "Ash", "Beech", "Birch", "Willow", "Cedar", "Maple", "Holly", "Hawthorn", "Rowan",
    "Chestnut", "Sycamore", "Meadow", "Orchard", "Brook", "River", "Bridge", "Canal", "Field",
    "Farm", "Hill", "Valley", "Forest", "Wood", "Heath", "Moor", "Spring", "Well", "Market",
    "Castle", "Abbey", "Priory", "Cross", "North", "South", "East", "West", "Mount",
    "Springfield", "Highfield", "Westfield", "Southfield", "Northfield", "Fairfield", "Broad",
    "Long", "Stanley", "George", "Princess", "Alexandra", "Edward", "William", "Charles",
    "Nelson", "Wellington", "Marlborough", "Clarence", "Cromwell", "Milton", "Shakespeare",
    "Byron", "Tennyson", "Wordsworth", "Dickens", "Cambridge", "Oxford", "Chester", "Lancaster",
    "Derby", "Warwick", "Stafford", "Gladstone", "Disraeli", "Peel", "Palmerston", "Balmoral",
    "Sandringham", "Osborne", "Rosebery", "Belmont", "Belvedere", "Clifton", "Grosvenor",
    "Cavendish", "Devonshire", "Rutland", "Salisbury", "Shaftesbury", "Tudor", "Stuart",
    "Hanover", "Coronation", "Jubilee", "Recreation", "Cemetery", "Vicarage", "Rectory",
    "Parsonage", "Glebe", "Pound", "Tanners", "Weavers", "Coopers", "Smithy", "Forge",
    "Brewery", "Quarry", "Colliery", "Dock", "Wharf", "Harbour", "Ferry", "Lock", "Sandy",
    "Stony", "Rose", "Lilac", "Laurel", "Lavender", "Primrose", "Bluebell", "Foxglove",
    "Heather", "Juniper", "Larch", "Poplar", "Hazel", "Alder", "Linden", "Walnut", "Cherry",
    "Plum", "Apple", "Pear", "Kestrel", "Falcon", "Heron", "Swallow", "Robin", "Wren",
    "Lark", "Badger", "Fox", "Otter", "Deer", "Hunters", "Archers", "Bishops", "Friars",
    "Monks", "Nuns", "Kingsway", "Regent", "Trinity", "St Marys", "St Johns", "St Peters",
    "St Andrews", "St Georges", "St Pauls", "Hamilton", "Gordon", "Campbell", "Douglas",
    "Howard", "Russell", "Percy", "Neville", "Mowbray", "Beaumont", "Montague", "Sherwood",
    "Ivanhoe", "Avalon", "Lyndhurst", "Ashfield", "Brookfield", "Greenfield", "Mayfield",
    "Redhill", "Whitehill", "Blackhorse", "Whitehorse", "Red Lion", "Golden", "Silver",
};

constexpr absl::string_view kStreetTypes[] = {
    "Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Grove",
    "Place", "Gardens", "Terrace", "Court", "Walk", "Rise", "Hill", "View", "Mews", "Row",
    "Park", "Square", "Green", "Parade", "Vale", "Fold", "Croft", "Wynd", "Chase",
};

// clang-format on

}  // namespace

absl::Span<const absl::string_view> ProbationAreaData() { return kProbationAreas; }
absl::Span<const PostcodeAreaEntry> PostcodeAreaData() { return kPostcodeAreas; }
absl::Span<const absl::string_view> StreetWordData() { return kStreetWords; }
absl::Span<const absl::string_view> StreetTypeData() { return kStreetTypes; }

}  // namespace liaison::synth
