/** The QEMU driver (private to its bundle). */
package io.jvirt.driver.qemu;
