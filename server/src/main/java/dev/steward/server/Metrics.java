/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.steward.server;

import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Prometheus metrics in the text exposition format: request latencies (histogram by method, route
 * template and status), operations by type and outcome (an {@link OperationListener}), and
 * instances by state (read from the store at scrape time).
 */
public final class Metrics implements OperationListener {
  private static final double[] BUCKETS = {
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60
  };

  private record RequestKey(String method, String route, int status) {}

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final LongAdder sumNanos = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].increment();
        }
      }
      count.increment();
      sumNanos.add(nanos);
    }
  }

  private final Map<RequestKey, Histogram> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
  private volatile Supplier<Map<InstanceState, Long>> instances = Map::of;

  /** Records one answered request. */
  public void request(String method, String route, int status, long nanos) {
    requests
        .computeIfAbsent(new RequestKey(method, route, status), k -> new Histogram())
        .observe(nanos);
  }

  /** Where instance counts come from (set once the control plane runs). */
  public void instanceCounts(Supplier<Map<InstanceState, Long>> counts) {
    this.instances = counts;
  }

  @Override
  public void operationEnded(Operation operation) {
    operations
        .computeIfAbsent(
            operation.type() + "\u0000" + operation.state().name(), k -> new LongAdder())
        .increment();
  }

  /** The exposition text. */
  public String scrape() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP steward_http_request_duration_seconds API request latency.\n");
    out.append("# TYPE steward_http_request_duration_seconds histogram\n");
    new TreeMap<>(byName())
        .forEach((name, entry) -> {
          String labels = entry.labels;
          Histogram histogram = entry.histogram;
          for (int i = 0; i < BUCKETS.length; i++) {
            out.append("steward_http_request_duration_seconds_bucket{")
                .append(labels)
                .append(",le=\"")
                .append(BUCKETS[i])
                .append("\"} ")
                .append(histogram.buckets[i].sum())
                .append('\n');
          }
          long count = histogram.count.sum();
          out.append("steward_http_request_duration_seconds_bucket{")
              .append(labels)
              .append(",le=\"+Inf\"} ")
              .append(count)
              .append('\n');
          out.append("steward_http_request_duration_seconds_count{")
              .append(labels)
              .append("} ")
              .append(count)
              .append('\n');
          out.append("steward_http_request_duration_seconds_sum{")
              .append(labels)
              .append("} ")
              .append(histogram.sumNanos.sum() / 1e9)
              .append('\n');
        });
    out.append("# HELP steward_operations_total Operations that ended, by type and outcome.\n");
    out.append("# TYPE steward_operations_total counter\n");
    new TreeMap<>(operations)
        .forEach((key, count) -> {
          String[] parts = key.split("\u0000");
          out.append("steward_operations_total{type=\"")
              .append(escape(parts[0]))
              .append("\",outcome=\"")
              .append(parts[1])
              .append("\"} ")
              .append(count.sum())
              .append('\n');
        });
    out.append("# HELP steward_instances Instances by state (not deleted).\n");
    out.append("# TYPE steward_instances gauge\n");
    new TreeMap<>(instances.get())
        .forEach((state, count) ->
            out.append("steward_instances{state=\"")
                .append(state.name())
                .append("\"} ")
                .append(count)
                .append('\n'));
    return out.toString();
  }

  private record Entry(String labels, Histogram histogram) {}

  private Map<String, Entry> byName() {
    Map<String, Entry> result = new TreeMap<>();
    requests.forEach((key, histogram) -> {
      String labels =
          "method=\""
              + escape(key.method())
              + "\",route=\""
              + escape(key.route())
              + "\",status=\""
              + key.status()
              + "\"";
      result.put(labels, new Entry(labels, histogram));
    });
    return result;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
