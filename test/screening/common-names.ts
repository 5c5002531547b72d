/**
 * Ordinary given and family names of the nationalities contractors commonly claim. Hand-written from
 * general knowledge of frequent names; used to measure how often an ordinary applicant would be flagged.
 */
export const COMMON_NAMES: Record<string, { given: string[]; family: string[] }> = {
  IN: {
    given: ['Aarav', 'Vivaan', 'Aditya', 'Arjun', 'Rohan', 'Rahul', 'Amit', 'Sanjay', 'Vikram', 'Rajesh', 'Suresh', 'Anil', 'Deepak', 'Karthik', 'Pradeep', 'Manoj', 'Priya', 'Ananya', 'Diya', 'Kavya', 'Pooja', 'Neha', 'Sneha', 'Divya', 'Lakshmi', 'Sunita', 'Anjali', 'Meera', 'Ravi', 'Nikhil', 'Harish', 'Venkatesh', 'Srinivas', 'Ganesh', 'Kiran'],
    family: ['Sharma', 'Verma', 'Gupta', 'Singh', 'Kumar', 'Patel', 'Reddy', 'Nair', 'Iyer', 'Rao', 'Joshi', 'Mehta', 'Shah', 'Desai', 'Chopra', 'Malhotra', 'Agarwal', 'Banerjee', 'Chatterjee', 'Mukherjee', 'Das', 'Pillai', 'Menon', 'Kulkarni', 'Naidu', 'Bhat', 'Saxena', 'Mishra', 'Pandey', 'Yadav'],
  },
  PL: {
    given: ['Jakub', 'Kacper', 'Szymon', 'Filip', 'Jan', 'Piotr', 'Tomasz', 'Pawel', 'Krzysztof', 'Michal', 'Marcin', 'Lukasz', 'Grzegorz', 'Wojciech', 'Mateusz', 'Anna', 'Maria', 'Katarzyna', 'Malgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Magdalena', 'Joanna', 'Zofia', 'Aleksandra', 'Monika', 'Dariusz', 'Rafal', 'Bartosz'],
    family: ['Nowak', 'Kowalski', 'Wisniewski', 'Wojcik', 'Kowalczyk', 'Kaminski', 'Lewandowski', 'Zielinski', 'Szymanski', 'Wozniak', 'Dabrowski', 'Kozlowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Nowakowski', 'Pawlowski', 'Michalski', 'Nowicki', 'Adamczyk', 'Dudek', 'Zajac', 'Wieczorek', 'Jablonski', 'Krol', 'Majewski', 'Olszewski'],
  },
  UA: {
    given: ['Oleksandr', 'Andriy', 'Dmytro', 'Serhiy', 'Volodymyr', 'Mykola', 'Ivan', 'Yuriy', 'Oleh', 'Vasyl', 'Taras', 'Bohdan', 'Maksym', 'Artem', 'Denys', 'Olena', 'Natalia', 'Iryna', 'Oksana', 'Tetiana', 'Svitlana', 'Yulia', 'Kateryna', 'Halyna', 'Viktoria', 'Anastasia', 'Roman', 'Pavlo', 'Vitaliy', 'Ihor'],
    family: ['Melnyk', 'Shevchenko', 'Boyko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kovalchuk', 'Kravchenko', 'Oliynyk', 'Shevchuk', 'Koval', 'Polishchuk', 'Bondar', 'Tkachuk', 'Moroz', 'Marchenko', 'Lysenko', 'Rudenko', 'Savchenko', 'Petrenko', 'Klymenko', 'Pavlenko', 'Savchuk', 'Kuzmenko', 'Ponomarenko', 'Kharchenko', 'Vasylenko', 'Levchenko', 'Karpenko', 'Hnatyuk'],
  },
  PH: {
    given: ['Jose', 'Juan', 'Mark', 'John Paul', 'Christian', 'Angelo', 'Carlo', 'Paolo', 'Miguel', 'Rafael', 'Jerome', 'Ramon', 'Antonio', 'Eduardo', 'Rodrigo', 'Maria', 'Mary Grace', 'Kristine', 'Jennifer', 'Michelle', 'Angelica', 'Camille', 'Joy', 'Princess', 'Lovely', 'Rhea', 'Jocelyn', 'Rowena', 'Marites', 'Liza'],
    family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Ocampo', 'Garcia', 'Mendoza', 'Torres', 'Tomas', 'Andrada', 'Castillo', 'Flores', 'Villanueva', 'Ramos', 'Castro', 'Rivera', 'Aquino', 'Navarro', 'Salazar', 'Mercado', 'Aguilar', 'Dela Cruz', 'De Leon', 'Manalo', 'Pascual', 'Dizon', 'Soriano', 'Gonzales', 'Lopez', 'Tolentino'],
  },
  VN: {
    given: ['Anh', 'Minh', 'Tuan', 'Hung', 'Dung', 'Thanh', 'Hoang', 'Quang', 'Duc', 'Long', 'Nam', 'Phuong', 'Linh', 'Trang', 'Huong', 'Lan', 'Mai', 'Ngoc', 'Thao', 'Hanh', 'Van Anh', 'Thi Mai', 'Van Hung', 'Thi Lan', 'Duc Minh', 'Quoc Bao', 'Gia Huy', 'Khanh', 'Tien', 'Hieu'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly', 'Truong', 'Dinh', 'Lam', 'Mai', 'Trinh', 'Doan', 'Cao', 'Luong', 'Ta'],
  },
  CN: {
    given: ['Wei', 'Fang', 'Na', 'Xiuying', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Tao', 'Ming', 'Chao', 'Xiulan', 'Xia', 'Ping', 'Gang', 'Hui', 'Hao', 'Yu', 'Xin', 'Haoran', 'Zihan', 'Yichen', 'Yuxuan', 'Jiahao', 'Zhiwei', 'Xiaoming', 'Jianguo', 'Lihua', 'Dongmei'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Gao', 'Lin', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Peng'],
  },
  KR: {
    given: ['Min-jun', 'Seo-jun', 'Do-yun', 'Ye-jun', 'Si-woo', 'Ha-joon', 'Ji-ho', 'Joo-won', 'Ji-hoon', 'Hyun-woo', 'Seo-yeon', 'Seo-yun', 'Ji-woo', 'Ha-eun', 'Min-seo', 'Ha-yoon', 'Ji-yoo', 'Chae-won', 'Su-ah', 'Ji-min', 'Dong-hyun', 'Jae-won', 'Sang-woo', 'Min-ho', 'Eun-ji', 'Hye-jin', 'So-yeon', 'Yu-na', 'Tae-yang', 'Woo-jin'],
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Ahn', 'Song', 'Yoo', 'Hong', 'Jeon', 'Ko', 'Moon', 'Yang', 'Son', 'Bae', 'Baek', 'Heo', 'Nam', 'Noh'],
  },
  BR: {
    given: ['Miguel', 'Arthur', 'Gael', 'Heitor', 'Theo', 'Davi', 'Gabriel', 'Bernardo', 'Samuel', 'Joao Pedro', 'Lucas', 'Matheus', 'Rafael', 'Guilherme', 'Felipe', 'Helena', 'Alice', 'Laura', 'Maria Alice', 'Valentina', 'Heloisa', 'Maria Clara', 'Beatriz', 'Juliana', 'Fernanda', 'Camila', 'Larissa', 'Leticia', 'Bruna', 'Thiago'],
    family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas'],
  },
  PK: {
    given: ['Muhammad', 'Ahmed', 'Ali', 'Hassan', 'Hussain', 'Usman', 'Bilal', 'Imran', 'Kamran', 'Faisal', 'Zain', 'Hamza', 'Asad', 'Saad', 'Waqas', 'Ayesha', 'Fatima', 'Sana', 'Hina', 'Maryam', 'Zainab', 'Amna', 'Sadia', 'Nida', 'Iqra'],
    family: ['Khan', 'Ahmed', 'Malik', 'Butt', 'Chaudhry', 'Qureshi', 'Sheikh', 'Siddiqui', 'Raza', 'Hussain', 'Iqbal', 'Javed', 'Aslam', 'Mirza', 'Baig', 'Abbasi', 'Rana', 'Awan', 'Anwar', 'Bhatti'],
  },
  NG: {
    given: ['Chinedu', 'Emeka', 'Oluwaseun', 'Tunde', 'Babajide', 'Chukwuemeka', 'Ifeanyi', 'Adebayo', 'Olumide', 'Segun', 'Ngozi', 'Chiamaka', 'Funmilayo', 'Adaeze', 'Yetunde', 'Aisha', 'Blessing', 'Precious', 'Kelechi', 'Obinna'],
    family: ['Okafor', 'Adeyemi', 'Okonkwo', 'Oluwole', 'Eze', 'Nwosu', 'Adebayo', 'Ogunleye', 'Chukwu', 'Balogun', 'Okeke', 'Ibrahim', 'Bello', 'Abubakar', 'Onyekachi', 'Nnamdi', 'Obi', 'Afolabi', 'Ojo', 'Uche'],
  },
};
