// Forename tables (see pool_data.h). Most common first.

#include "broker/synth/pool_data.h"

namespace liaison::synth {
namespace {

// Packed tables: keep clang-format from putting one entry per line.
// clang-format off
constexpr absl::string_view kMale[] = {
    "David", "John", "Michael", "Paul", "Andrew", "Mark", "James", "Peter", "Richard", "Robert",
    "Stephen", "Christopher", "Daniel", "Thomas", "Matthew", "Anthony", "Ian", "Steven", "William",
    "Lee", "Gary", "Kevin", "Simon", "Jason", "Darren", "Alan", "Martin", "Neil", "Jonathan",
    "Adam", "Craig", "Dean", "Wayne", "Shaun", "Ryan", "Liam", "Luke", "Jamie", "Carl", "Stuart",
    "Philip", "Scott", "Kenneth", "Brian", "Graham", "Keith", "Nicholas", "Benjamin", "Joseph",
    "Samuel", "Jack", "Joshua", "Nathan", "Kyle", "Callum", "Connor", "Jordan", "Aaron", "Ashley",
    "Mohammed", "Dale", "Barry", "George", "Colin", "Trevor", "Terence", "Raymond", "Derek",
    "Edward", "Charles", "Timothy", "Russell", "Muhammad", "Jeremy", "Nigel", "Roger", "Malcolm",
    "Gordon", "Ronald", "Dennis", "Leslie", "Geoffrey", "Frederick", "Harry", "Oliver", "Charlie",
    "Alexander", "Lewis", "Jake", "Reece", "Bradley", "Dylan", "Sean", "Shane", "Patrick",
    "Anthony-John", "Danny", "Tony", "Billy", "Ricky", "Marcus", "Warren", "Glenn", "Lawrence",
    "Howard", "Roy", "Phillip", "Jon", "Francis", "Vincent", "Hugh", "Rodney", "Clive", "Douglas",
    "Victor", "Norman", "Stanley", "Sidney", "Albert", "Arthur", "Ernest", "Walter", "Cyril",
    "Herbert", "Henry", "Jacob", "Isaac", "Ethan", "Mason", "Tyler", "Harvey", "Alfie", "Leon",
    "Louis", "Max", "Oscar", "Theo", "Finley", "Toby", "Logan", "Riley", "Kai", "Jayden", "Jay",
    "Elliott", "Elliot", "Nathaniel", "Joel", "Mitchell", "Robbie", "Freddie", "Archie", "Ali",
    "Ahmed", "Mohamed", "Imran", "Tariq", "Hassan", "Omar", "Usman", "Bilal", "Adil", "Amir",
    "Asif", "Faisal", "Hamza", "Ibrahim", "Ismail", "Yusuf", "Sajid", "Shahid", "Khalid", "Rizwan",
    "Waqas", "Abdul", "Javed", "Majid", "Naveed", "Zahid", "Kamran", "Arjun", "Rajesh", "Sanjay",
    "Vijay", "Sunil", "Ravi", "Deepak", "Amit", "Sandeep", "Gurpreet", "Harpreet", "Jaspreet",
    "Manjit", "Kuldip", "Sukhwinder", "Łukasz", "Piotr", "Paweł", "Tomasz", "Krzysztof", "Michał",
    "Marcin", "Kamil", "Jakub", "Mateusz", "Wojciech", "Grzegorz", "Andrzej", "Dariusz",
    "Sławomir", "Patryk", "Dawid", "Bartosz", "Szymon", "Rafał", "Marek", "Artur", "Seán",
    "Pádraig", "Ciarán", "Eoin", "Cian", "Oisín", "Declan", "Niall", "Ronan", "Aidan", "Kieran",
    "Conor", "Brendan", "Dermot", "Fergus", "Angus", "Hamish", "Alistair", "Duncan", "Euan",
    "Ross", "Fraser", "Gareth", "Rhys", "Dafydd", "Gethin", "Owain", "Iwan", "Emyr", "Dewi",
    "José", "João", "Luís", "Andrés", "Carlos", "Javier", "Miguel", "Francisco", "Antonio",
    "Giovanni", "Marco", "Luca", "Stefano", "René", "François", "Jérôme", "Noël", "Andrei",
    "Mihai", "Ionuț", "Florin", "Bogdan", "Vasile", "Marius", "Adrian", "Darius", "Mindaugas",
    "Tomas", "Vytautas", "Kwame", "Kofi", "Kwabena", "Chinedu", "Emeka", "Oluwaseun", "Olumide",
    "Babatunde", "Adebayo", "Tunde", "Segun", "Obinna", "Abdi", "Abdullahi", "Mahamed", "Mehmet",
    "Mustafa", "Emre", "Hüseyin", "Minh", "Tuan", "Duc", "Wei", "Jun", "Hao", "Dmitri", "Sergei",
    "Aleksandr", "Viktor", "Nikolai", "Jermaine", "Tyrone", "Leroy", "Delroy", "Winston", "Errol",
    "Clifton", "Lloyd", "Desmond", "Neville", "Everton", "Dwayne", "Curtis", "Troy", "Jamal",
    "Malik", "Rashid", "Kamal", "Nasir", "Anwar", "Shabir", "Pavel", "Jan", "Zain", "Ayaan",
    "Rory", "Finn", "Jenson", "Reuben", "Ellis", "Hayden", "Morgan", "Frankie", "Jimmy",
    "Johnny", "Stewart", "Jonathon", "Mathew", "Kristian", "Christian", "Dominic", "Julian",
    "Rupert", "Giles", "Sebastian", "Hugo", "Edmund", "Bernard", "Gerald", "Maurice", "Percy",
    "Wilfred", "Harold", "Leonard", "Reginald", "Eric", "Alec", "Alfred", "Gilbert", "Dexter",
    "Zachary", "Caleb", "Jude", "Rhys-Jay", "Kacper", "Filip", "Milosz", "Rahim", "Shafiq",
};

constexpr absl::string_view kFemale[] = {
    "Susan", "Sarah", "Karen", "Julie", "Helen", "Lisa", "Nicola", "Claire", "Emma", "Michelle",
    "Joanne", "Elizabeth", "Margaret", "Patricia", "Linda", "Deborah", "Tracey", "Amanda",
    "Jacqueline", "Rachel", "Louise", "Samantha", "Kelly", "Laura", "Rebecca", "Gemma",
    "Jennifer", "Victoria", "Catherine", "Katherine", "Hannah", "Jessica", "Charlotte", "Amy",
    "Sophie", "Lauren", "Chloe", "Emily", "Jade", "Stacey", "Danielle", "Natalie", "Kirsty",
    "Hayley", "Zoe", "Leanne", "Donna", "Dawn", "Angela", "Sharon", "Tracy", "Alison", "Caroline",
    "Wendy", "Janet", "Christine", "Carol", "Sandra", "Barbara", "Mary", "Jean", "Pauline",
    "Sheila", "Maureen", "Brenda", "Valerie", "Anne", "Ann", "Jane", "Diane", "Gillian",
    "Lorraine", "Yvonne", "Andrea", "Beverley", "Tina", "Kim", "Jill", "Heather", "Fiona",
    "Kathleen", "Eileen", "Doreen", "Joan", "Dorothy", "Irene", "Marion", "Rosemary", "Josephine",
    "Frances", "Teresa", "Theresa", "Bernadette", "Megan", "Bethany", "Holly", "Ellie", "Abigail",
    "Olivia", "Grace", "Lucy", "Ella", "Mia", "Isabella", "Amelia", "Lily", "Evie", "Freya",
    "Poppy", "Ruby", "Daisy", "Millie", "Phoebe", "Jasmine", "Leah", "Courtney", "Shannon",
    "Paige", "Kayleigh", "Chantelle", "Demi", "Jodie", "Toni", "Keeley", "Aimee", "Kerry",
    "Katie", "Kate", "Jenna", "Melissa", "Vanessa", "Tanya", "Sonia", "Marie", "Anna", "Maria",
    "Zoë", "Fatima", "Aisha", "Ayesha", "Zainab", "Maryam", "Khadija", "Amina", "Nadia", "Sana",
    "Saima", "Shabana", "Nasreen", "Parveen", "Rubina", "Shazia", "Samina", "Farzana",
    "Rukhsana", "Naseem", "Yasmin", "Hina", "Iqra", "Anjali", "Priya", "Sunita", "Anita", "Kiran",
    "Harjit", "Manpreet", "Rajinder", "Gurjit", "Siobhán", "Niamh", "Aoife", "Róisín", "Orla",
    "Caoimhe", "Saoirse", "Sinéad", "Aisling", "Clodagh", "Gráinne", "Máire", "Bríd", "Ciara",
    "Aleksandra", "Agnieszka", "Katarzyna", "Małgorzata", "Magdalena", "Joanna", "Ewa", "Zofia",
    "Monika", "Justyna", "Karolina", "Natalia", "Dorota", "Beata", "Iwona", "Ioana", "Elena",
    "Andreea", "Alina", "Mihaela", "Gabriela", "Cristina", "Daniela", "Simona", "Ramona",
    "María", "Ana", "Inês", "Joana", "Chloé", "Anaïs", "Hélène", "Renée", "Noémie", "Céline",
    "Chiamaka", "Ngozi", "Funmilayo", "Adaeze", "Abimbola", "Folake", "Yetunde", "Akosua", "Abena",
    "Ama", "Hodan", "Fadumo", "Sahra", "Ayan", "Hawa", "Ayşe", "Elif", "Zeynep", "Linh", "Thu",
    "Mai", "Hoa", "Mei", "Xin", "Ying", "Olga", "Svetlana", "Natasha", "Tatiana", "Irina", "Rita",
    "Jurgita", "Rasa", "Ieva", "Bethan", "Catrin", "Cerys", "Ffion", "Siân", "Rhian", "Eleri",
    "Nia", "Carys", "Eilidh", "Iona", "Morag", "Shona", "Isla", "Ailsa", "Marcia", "Claudette",
    "Hyacinth", "Paulette", "Marlene", "Simone", "Keisha", "Tanisha", "Shanice", "Aaliyah",
    "Precious", "Blessing", "Esther", "Ruth", "Naomi", "Miriam", "Judith", "Ellen", "Eleanor",
    "Alice", "Florence", "Edith", "Elsie", "Ivy", "Violet", "Hilda", "Gladys", "Vera", "Phyllis",
    "Beryl", "Audrey", "Hazel", "Shirley", "Sylvia", "June", "Lesley", "Elaine", "Glenys", "Lynne",
    "Lynn", "Rosie", "Molly", "Lola", "Maisie", "Isabelle", "Georgia", "Abbie", "Alicia",
    "Caitlin", "Kayla", "Tia", "Tegan", "Nicole", "Vicky", "Stephanie", "Sara", "Carla", "Leigh",
    "Katrina", "Nina", "Emilia", "Sofia", "Sophia", "Amber", "Summer", "Scarlett", "Layla",
    "Lacey", "Tilly", "Kathryn", "Catriona", "Julia", "Sally", "Jackie", "Debbie", "Mandy",
    "Carole", "Lorna", "Denise", "Marilyn", "Patsy", "Peggy", "Betty", "Dolores", "Rosa",
    "Bridget", "Noreen", "Colette", "Geraldine", "Veronica", "Francesca", "Georgina", "Harriet",
    "Imogen", "Rosalind", "Penelope",
};

// clang-format on

}  // namespace

absl::Span<const absl::string_view> MaleForenameData() { return kMale; }
absl::Span<const absl::string_view> FemaleForenameData() { return kFemale; }

}  // namespace liaison::synth
