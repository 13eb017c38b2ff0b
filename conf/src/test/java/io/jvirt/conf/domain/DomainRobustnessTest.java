package io.jvirt.conf.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.jvirt.api.VirtException;
import io.jvirt.conf.oracle.Oracle;

/**
 * Damaged definitions (one attribute removed, or its value replaced by garbage) are either accepted
 * or refused with one of libvirt's errors, never with an exception the model did not expect (every
 * fifth attribute of every fixture, to keep the test quick).
 */
class DomainRobustnessTest {
    @Test
    void damagedDefinitionsAreRefusedCleanly() {
        Map<String, String> unexpected = new TreeMap<>();
        Pattern attr = Pattern.compile(" [\\w:.-]+='[^']*'");
        for (Oracle.Case c : DomainConformanceTest.cases().toList()) {
            String xml = c.inputXml();
            Matcher m = attr.matcher(xml);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            for (int i = c.name().length() % 5; i < spans.size(); i += 5) {
                int[] s = spans.get(i);
                String removed = xml.substring(0, s[0]) + xml.substring(s[1]);
                String garbage = xml.substring(0, s[0]) + xml.substring(s[0], s[1]).replaceAll("='[^']*'", "='x'")
                        + xml.substring(s[1]);
                for (String v : List.of(removed, garbage)) {
                    try {
                        DomainDef.parse(v, ParseContext.define(new TestDriverHook())).format(FormatFlag.INACTIVE);
                    } catch (VirtException e) {
                        if (e.getMessage().contains("cannot parse the domain definition")) {
                            unexpected.putIfAbsent(String.valueOf(e.getCause()), c.name() + ": "
                                    + xml.substring(s[0], s[1]));
                        }
                    }
                }
            }
        }
        assertTrue(unexpected.isEmpty(), unexpected.toString());
    }
}
