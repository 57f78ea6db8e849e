CREATE TABLE `w_par` (
  `a` int(11) DEFAULT -1,
  `b` int(11) DEFAULT 1,
  `c` varchar(5) DEFAULT 'x',
  `d` datetime DEFAULT current_timestamp(),
  `e` int(11) DEFAULT (`a` is null),
  `f` double DEFAULT 3.141592653589793,
  `g` int(11) DEFAULT (`a` + 1),
  `h` int(11) DEFAULT (-`a`),
  `i` varchar(9) DEFAULT `a`,
  `j` bigint(20) DEFAULT (rand() * 10),
  `k` datetime DEFAULT current_timestamp(),
  `l` varchar(80) DEFAULT user()
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
