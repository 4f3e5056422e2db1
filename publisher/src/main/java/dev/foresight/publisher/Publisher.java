package dev.foresight.publisher;

import dev.foresight.schema.Publication;
import dev.foresight.schema.Report;
import java.io.IOException;

/** A sink for reports. Publishing the same report again must update in place, never duplicate. */
public interface Publisher {
  Publication publish(Report report) throws IOException;
}
