package org.stellaops.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** The direct writer must give the JCS library's bytes for every tree verdicts can hold. */
class CanonicalJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Property(tries = 500)
  void writesWhatTheLibraryWrites(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    ObjectNode tree = MAPPER.createObjectNode(); // the library reads only an object or array at the root
    int members = 1 + random.nextInt(6);
    for (int i = 0; i < members; i++) {
      tree.set(RandomText.of(random), tree(random, 1));
    }
    String library = new JsonCanonicalizer(MAPPER.writeValueAsString(tree)).getEncodedString();
    assertThat(CanonicalJson.of(tree)).isEqualTo(library);
  }

  @Test
  void sortsMembersByUtf16CodeUnitsAndFormatsNumbersAsEcmaScript() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("\ud83d\ude00", 1);
    node.put("\uff41", 2);
    node.put("b", 10.0);
    node.put("a", 0.1 + 0.2);
    node.put("c", 1e21);
    assertThat(CanonicalJson.of(node)).isEqualTo("{\"a\":0.30000000000000004,\"b\":10,\"c\":1e+21,\"\ud83d\ude00\":1,\"\uff41\":2}");
  }

  private static JsonNode tree(Random random, int depth) {
    int kind = depth > 3 ? 2 + random.nextInt(4) : random.nextInt(6);
    switch (kind) {
      case 0 -> {
        ObjectNode object = MAPPER.createObjectNode();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          object.set(RandomText.of(random), tree(random, depth + 1));
        }
        return object;
      }
      case 1 -> {
        ArrayNode array = MAPPER.createArrayNode();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          array.add(tree(random, depth + 1));
        }
        return array;
      }
      case 2 -> {
        return MAPPER.getNodeFactory().textNode(RandomText.of(random));
      }
      case 3 -> {
        return random.nextBoolean() ? MAPPER.getNodeFactory().numberNode(random.nextInt(2_000_000) - 1_000_000)
            : MAPPER.getNodeFactory().numberNode(Math.round(random.nextDouble() * 1000) / 10.0);
      }
      case 4 -> {
        return MAPPER.getNodeFactory().numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
      }
      default -> {
        return random.nextBoolean() ? MAPPER.getNodeFactory().booleanNode(random.nextBoolean()) : MAPPER.getNodeFactory().nullNode();
      }
    }
  }
}
