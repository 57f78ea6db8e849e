CREATE TABLE `w_opt` (
  `a` int(11) DEFAULT NULL /* `FOOF`='1' */
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci `ENCRYPTION_KEY_ID`='1' /* `FOO`='bar' `BAZ`='qux' */
