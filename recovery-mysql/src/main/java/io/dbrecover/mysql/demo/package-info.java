/** The MariaDB scenarios of {@code dbrecover demo}: staged disasters recovered and proved. */
package io.dbrecover.mysql.demo;
