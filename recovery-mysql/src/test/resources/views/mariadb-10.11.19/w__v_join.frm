TYPE=VIEW
query=select `w`.`t1`.`a` AS `a`,`w`.`t2`.`note` AS `note` from (`w`.`t1` join `w`.`t2` on(`w`.`t1`.`a` = `w`.`t2`.`id`)) union all select 0 AS `0`,\'none\' AS `none`
md5=da7fe65a12990945d2b398de181a6588
updatable=0
algorithm=0
definer_user=root
definer_host=localhost
suid=2
with_check_option=0
timestamp=0001795537936025958
create-version=2
source=SELECT t1.a, t2.note FROM t1 JOIN t2 ON t1.a = t2.id\n  UNION ALL SELECT 0, \'none\'
client_cs_name=utf8mb3
connection_cl_name=utf8mb3_general_ci
view_body_utf8=select `w`.`t1`.`a` AS `a`,`w`.`t2`.`note` AS `note` from (`w`.`t1` join `w`.`t2` on(`w`.`t1`.`a` = `w`.`t2`.`id`)) union all select 0 AS `0`,\'none\' AS `none`
mariadb-version=101119
