CREATE TABLE `t_dec` (
  `a` decimal(10,2) DEFAULT 3.14,
  `b` decimal(5,0) unsigned DEFAULT NULL,
  `c` decimal(65,30) DEFAULT NULL,
  `d` float DEFAULT NULL,
  `e` float(7,3) DEFAULT 1.500,
  `f` double DEFAULT NULL,
  `g` double(10,4) unsigned zerofill DEFAULT NULL,
  `h` decimal(10,2) NOT NULL
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
