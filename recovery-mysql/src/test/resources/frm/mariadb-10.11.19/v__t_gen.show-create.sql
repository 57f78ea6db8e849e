CREATE TABLE `t_gen` (
  `a` int(11) DEFAULT NULL,
  `b` int(11) GENERATED ALWAYS AS (`a` + 1) VIRTUAL,
  `c` varchar(20) GENERATED ALWAYS AS (concat('x',`a`)) STORED,
  `d` int(11) DEFAULT (`a` * 2),
  `e` int(11) DEFAULT NULL CHECK (`e` > 0),
  `f` bit(3) DEFAULT b'101',
  `g` bit(10) DEFAULT NULL,
  `h` int(11) DEFAULT NULL,
  KEY `b` (`b`),
  CONSTRAINT `chk1` CHECK (`a` < 100)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
