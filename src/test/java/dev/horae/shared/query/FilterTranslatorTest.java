package dev.horae.shared.query;

import static dev.horae.shared.query.Operator.EQ;
import static dev.horae.shared.query.Operator.EXISTS;
import static dev.horae.shared.query.Operator.GT;
import static dev.horae.shared.query.Operator.HAS_ALL;
import static dev.horae.shared.query.Operator.IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.horae.shared.Rejection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FilterTranslatorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final FilterTranslator translator = new FilterTranslator(Map.of(
      "name", FilterField.of("name", FilterField.ValueKind.TEXT, EQ, IN),
      "id", FilterField.of("id", FilterField.ValueKind.UUID, EQ),
      "size", FilterField.of("size", FilterField.ValueKind.INTEGER, EQ, GT, EXISTS),
      "tags", FilterField.of("tags", FilterField.ValueKind.TEXT_ARRAY, HAS_ALL),
      "color", FilterField.ofEnum("color", List.of("RED", "BLUE"), EQ)), "query.filter");

  private SqlCondition translate(String json) {
    return translator.translate(JSON.readTree(json));
  }

  @Test
  void a_plain_value_means_eq_and_every_value_is_bound_never_spliced() {
    SqlCondition c = translate("{\"name\": \"x'; drop table event; --\"}");
    assertThat(c.sql()).isEqualTo("(name = ?)");
    assertThat(c.params()).containsExactly("x'; drop table event; --");
    assertThat(c.fields()).containsExactly("name");
  }

  @Test
  void operators_combine_with_and_and_logical_operators_nest() {
    SqlCondition c = translate("{\"size\": {\"$gt\": 2, \"$exists\": true}, \"$or\": [{\"name\": {\"$in\": [\"a\", \"b\"]}}, {\"$not\": {\"tags\": {\"$hasAll\": [\"t\"]}}}]}");
    assertThat(c.sql()).isEqualTo("(size > ? and size is not null and ((name in (?, ?)) or (not (((cardinality(tags) > 0 and tags @> array[?]::text[]))))))");
    assertThat(c.params()).containsExactly(2, "a", "b", "t");
  }

  @Test
  void values_are_typed() {
    UUID id = UUID.randomUUID();
    assertThat(translate("{\"id\": \"" + id + "\"}").params()).containsExactly(id);
    assertThat(translate("{\"color\": \"RED\"}").params()).containsExactly("RED");
  }

  @Test
  void every_problem_is_reported_with_its_path() {
    assertThatThrownBy(() -> translate("{\"nope\": 1, \"size\": \"big\", \"name\": {\"$gt\": \"a\"}, \"id\": \"x\", \"color\": \"GREEN\", \"$and\": []}"))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.violations()).extracting(v -> v.field())
            .containsExactlyInAnyOrder("query.filter.nope", "query.filter.size", "query.filter.name.$gt",
                "query.filter.id", "query.filter.color", "query.filter.$and"));
  }

  @Test
  void an_absent_filter_matches_everything() {
    assertThat(translator.translate(null)).isEqualTo(SqlCondition.TRUE);
    assertThat(translate("{}").sql()).isEqualTo("true");
  }
}
