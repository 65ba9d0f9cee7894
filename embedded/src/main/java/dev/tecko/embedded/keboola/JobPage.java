package dev.tecko.embedded.keboola;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The page a sandbox Keboola job's link opens ({@code /admin/projects/{project}/queue/{id}}, as Keboola's UI links a
 * job): the job as a person reads it, its status, times, result and the variables it was given. Every value is
 * HTML-escaped: the variables come from whoever triggered the job.
 */
final class JobPage {
    private JobPage() {
    }

    static String of(JsonNode job) {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Sandbox Keboola job ").append(escape(job.path("id").asText())).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:60rem}td,th{text-align:left;")
                .append("padding:.25rem .75rem .25rem 0;vertical-align:top}code{word-break:break-all}</style></head><body>")
                .append("<h1>Sandbox Keboola job ").append(escape(job.path("id").asText())).append("</h1>")
                .append("<p>A local stand-in for Keboola's job detail page: this job ran nowhere.</p><table>");
        for (String field : new String[] {"status", "component", "config", "branchId", "createdTime", "startTime", "endTime",
                "durationSeconds"}) {
            JsonNode value = job.get(field);
            if (value != null && !value.isNull()) {
                row(html, field, value.asText());
            }
        }
        JsonNode message = job.path("result").get("message");
        if (message != null && !message.isNull()) {
            row(html, "result", message.asText());
        }
        html.append("</table><h2>Variables</h2><table>");
        for (JsonNode value : job.path("variableValuesData").path("values")) {
            row(html, value.path("name").asText(), value.path("value").asText());
        }
        return html.append("</table></body></html>").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td><code>").append(escape(value)).append("</code></td></tr>");
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
