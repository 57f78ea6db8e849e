CREATE TABLE `t_time` (
  `a` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `b` timestamp(3) NULL DEFAULT current_timestamp(3),
  `c` datetime DEFAULT '2020-01-02 03:04:05',
  `d` datetime(6) DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  `e` date DEFAULT '2001-02-03',
  `f` time(2) DEFAULT '10:11:12.34',
  `g` year(4) DEFAULT 2024,
  `h` timestamp NOT NULL DEFAULT '2000-01-01 00:00:00' ON UPDATE current_timestamp()
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
