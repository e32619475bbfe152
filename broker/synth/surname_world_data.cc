// Surnames of other origins (see pool_data.h). Written for this project from general knowledge;
// most common first.

#include "broker/synth/pool_data.h"

namespace liaison::synth {
namespace {

// Packed tables: keep clang-format from putting one entry per line.
// clang-format off
constexpr absl::string_view kWorld[] = {
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski",
    "Nowicki", "Adamczyk", "Dudek", "Zając", "Wieczorek", "Jabłoński", "Król", "Majewski",
    "Olszewski", "Jaworski", "Wróbel", "Malinowski", "Pawlak", "Witkowski", "Walczak", "Stępień",
    "Górski", "Rutkowski", "Michalak", "Sikora", "Ostrowski", "Baran", "Duda", "Szewczyk",
    "Tomaszewski", "Pietrzak", "Marciniak", "Wróblewski", "Zalewski", "Jakubowski", "Jasiński",
    "Zawadzki", "Sadowski", "Bąk", "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki",
    "Sawicki", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
    "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Herrmann", "König", "Kaiser",
    "Fuchs", "Vogel", "Keller", "Günther", "Weiß", "Böhm", "Ó Briain", "Ó Súilleabháin",
    "Mac Carthaigh", "Ó Néill", "Ó Ceallaigh", "Mac Giolla", "Ó Conchúir", "Ó Murchú",
    "Ní Bhriain", "Ó Dónaill", "O'Doherty", "O'Callaghan", "O'Shea", "O'Dwyer", "O'Keeffe",
    "O'Farrell", "O'Carroll", "O'Connell", "O'Driscoll", "Fitzsimons", "MacMahon", "MacDermott",
    "McGuinness", "McNamara", "Moloney", "Mulcahy", "Geraghty", "Keogh", "Brosnan", "Rehman",
    "Hanif", "Arshad", "Latif", "Haq", "Karim", "Nazir", "Sadiq", "Shafiq", "Saleem", "Javed",
    "Nawaz", "Yousaf", "Zaman", "Abbasi", "Mirza", "Baig", "Chaudhry", "Siddiqui", "Raza", "Riaz",
    "Akram", "Aslam", "Bashir", "Ghani", "Hameed", "Ishaq", "Jamil", "Kabir", "Majid", "Naqvi",
    "Rafiq", "Shabir", "Tahir", "Yasin", "Zafar", "Bukhari", "Durrani", "Khalid", "Chopra",
    "Kapoor", "Malhotra", "Verma", "Agarwal", "Reddy", "Nair", "Pillai", "Iyer", "Rao", "Menon",
    "Banerjee", "Chatterjee", "Mukherjee", "Bose", "Das", "Sen", "Ghosh", "Pandya", "Dhaliwal",
    "Grewal", "Sahota", "Kang", "Johal", "Sangha", "Atwal", "Basra", "Bhogal", "Cheema", "Hayer",
    "Purewal", "Rai", "Sohal", "Thind", "Toor", "Virdee", "Bansal", "Kohli", "Arora", "Nguyen",
    "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong", "Ly",
    "Truong", "Dinh", "Huynh", "Vo", "Trinh", "Mai", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang",
    "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo",
    "Lau", "Okafor", "Okonkwo", "Adeyemi", "Ogunleye", "Adebayo", "Oluwole", "Okoro", "Eze",
    "Nwosu", "Obi", "Mensah", "Owusu", "Boateng", "Asante", "Osei", "Agyeman", "Appiah", "Ansah",
    "Adjei", "Darko", "Adeleke", "Afolabi", "Akinola", "Babalola", "Bello", "Chukwu", "Emenike",
    "Ibrahim", "Ikwueme", "Nwachukwu", "Ogbonna", "Okeke", "Olatunji", "Onyeka", "Oyelaran",
    "Uche", "Achebe", "Danso", "Quaye", "Tetteh", "Abdi", "Farah", "Mohamud", "Omar", "Warsame",
    "Jama", "Ismail", "Yusuf", "Abdullahi", "Aden", "Egal", "Dualeh", "Hirsi", "Nur", "Samatar",
    "Shire", "Guled", "Duale", "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa",
    "Rodrigues", "Martins", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques",
    "Alves", "Carvalho", "Ribeiro", "Pinto", "Teixeira", "Moreira", "García", "Fernández",
    "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Jiménez", "Ruiz",
    "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez",
    "da Silva", "de Souza", "dos Santos", "de Oliveira", "van der Merwe", "van Dijk", "de Jong",
    "van den Berg", "De Luca", "Le Roux", "de Sousa", "van Rensburg", "du Plessis", "de la Cruz",
    "von Essen", "De Rosa", "Da Costa", "van Beek", "Ter Haar", "de Vries", "Popescu", "Ionescu",
    "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei", "Ciobanu", "Rusu",
    "Munteanu", "Constantin", "Marin", "Florea", "Dinu", "Lungu", "Neagu", "Kazlauskas",
    "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas", "Žukauskas", "Butkus",
    "Paulauskas", "Urbonas", "Kavaliauskas", "Bērziņš", "Kalniņš", "Ozoliņš", "Liepiņš", "Tamm",
    "Saar", "Sepp", "Mägi", "Kask", "Rebane", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik",
    "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt",
    "Özdemir", "Polat", "Erdoğan", "Güneş", "Bulut", "Rossi", "Russo", "Ferrari", "Esposito",
    "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
    "Mancini", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Caruso", "Papadopoulos",
    "Georgiou", "Christodoulou", "Constantinou", "Ioannou", "Nikolaou", "Charalambous",
    "Demetriou", "Panayiotou", "Antoniou", "Kyriacou", "Savva", "Stylianou", "Petrou", "Andreou",
    "Christou", "Pavlou", "Hadjipetrou", "Loizou", "Ivanov", "Petrov", "Smirnov", "Kuznetsov",
    "Popov", "Volkov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Horvat", "Kovačević", "Babić",
    "Marić", "Jurić", "Novak", "Dvořák", "Svoboda", "Černý", "Procházka", "Kim", "Park", "Choi",
    "Jung", "Tanaka", "Suzuki", "Sato", "Watanabe", "Takahashi", "Haddad", "Khoury", "Nasser",
    "Saleh", "Mansour", "Hakimi", "Karimi", "Ahmadi", "Hosseini", "Rezaei", "Levi", "Cohen",
    "Friedman", "Goldberg", "Rosenberg", "Katz", "Shapiro", "Weiss", "Kaplan", "Abramovich",
    "Bloom", "Feldman", "Greenberg", "Hirsch", "Lazarus", "Mendel", "Rubin", "Segal",
};

// clang-format on

}  // namespace

absl::Span<const absl::string_view> WorldSurnameData() { return kWorld; }

}  // namespace liaison::synth
