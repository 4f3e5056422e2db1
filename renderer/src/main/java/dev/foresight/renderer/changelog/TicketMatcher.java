package dev.foresight.renderer.changelog;

import dev.foresight.schema.Ticket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ticket keys in commit messages (default {@value #DEFAULT_PATTERN}, e.g. DS-4910), each once per
 * message in order of appearance, linked through a template whose {@code {key}} is replaced.
 *
 * @param pattern what a key looks like (the whole match is the key)
 * @param urlTemplate e.g. {@code https://jira.example.com/browse/{key}}; null: no links
 */
public record TicketMatcher(Pattern pattern, String urlTemplate) {

  public static final String DEFAULT_PATTERN = "\\b[A-Z][A-Z0-9]+-\\d+\\b";

  public static final TicketMatcher DEFAULT = new TicketMatcher(Pattern.compile(DEFAULT_PATTERN), null);

  public TicketMatcher {
    if (pattern == null) {
      pattern = Pattern.compile(DEFAULT_PATTERN);
    }
  }

  /** The distinct keys of {@code message} with their links. */
  public List<Ticket> tickets(String message) {
    Set<String> keys = new LinkedHashSet<>();
    if (message != null) {
      Matcher m = pattern.matcher(message);
      while (m.find()) {
        if (!m.group().isEmpty()) {
          keys.add(m.group());
        }
      }
    }
    List<Ticket> out = new ArrayList<>();
    for (String key : keys) {
      out.add(new Ticket(key, urlTemplate == null ? null : urlTemplate.replace("{key}", key)));
    }
    return out;
  }
}
