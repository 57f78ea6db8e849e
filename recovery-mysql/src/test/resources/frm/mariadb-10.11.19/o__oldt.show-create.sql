CREATE TABLE `oldt` (
  `a` datetime /* mariadb-5.3 */ DEFAULT NULL,
  `b` datetime(3) /* mariadb-5.3 */ DEFAULT NULL,
  `c` time /* mariadb-5.3 */ DEFAULT NULL,
  `d` timestamp /* mariadb-5.3 */ NULL DEFAULT NULL,
  `e` time(2) /* mariadb-5.3 */ DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
