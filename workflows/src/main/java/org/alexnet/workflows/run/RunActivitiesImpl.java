package org.alexnet.workflows.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import org.alexnet.storage.Storage;
import org.alexnet.workflows.stage.CodeVersion;
import org.alexnet.workflows.stage.StageFailures;

public final class RunActivitiesImpl implements RunActivities {
  /** run.json's own form: snake_case, indented, as the manifest and checkpoints write theirs. */
  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Override
  public RunRecord readRecord(String uri) {
    try {
      return Storage.exists(uri) ? read(uri) : null;
    } catch (Exception e) {
      throw StageFailures.of(e);
    }
  }

  @Override
  public void writeRecord(String uri, RunRecord record) {
    try {
      Storage.writeAtomically(uri, JSON.writeValueAsBytes(record.recordedBy(CodeVersion.current())));
    } catch (Exception e) {
      throw StageFailures.of(e);
    }
  }

  /** Reads a run.json. */
  public static RunRecord read(String uri) throws IOException {
    try {
      return JSON.readValue(Storage.readAll(uri), RunRecord.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(uri + " is not a run record this version reads (" + e.getOriginalMessage()
          + "): move it away to start the run afresh", e);
    }
  }
}
