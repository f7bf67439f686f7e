package org.esscard.benchmarks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, for {@link Report}. Absent parts stay null (a smoke skips Keycloak). */
public final class Results {

    public OffsetDateTime started;
    public Machine machine;
    public String loadAtStart;
    public String loadAtEnd;
    public Plan plan;
    public String command;

    public HashBound.Result hash;
    public GatlingRun.Result login;
    public GatlingRun.Result keycloak;
    public String keycloakVersion;
    public String keycloakHashParameters;
    public String keycloakSkipped;
    public Long keycloakRssMib;

    /** CPU milliseconds per login: account-service's JVM, and PostgreSQL's processes. */
    public double loginServiceCpuMs = -1;
    public double loginPostgresCpuMs = -1;
    public double keycloakCpuMs = -1;

    public final List<GatlingRun.Result> inquiry = new ArrayList<>();
    /** CPU milliseconds per inquiry of each step: permit-service's JVM, and PostgreSQL's processes. */
    public final List<Double> inquiryServiceCpuMs = new ArrayList<>();
    public final List<Double> inquiryPostgresCpuMs = new ArrayList<>();
    public final List<Integer> inquiryRates = new ArrayList<>();
    /** The inquiry under wrk (issue 14), when wrk is installed. */
    public InquiryWrk.Ladder inquiryWrk;

    /** Issue 14's overload test; null when the run left it out. */
    public OverloadRun.Result overload;

    /** Cancel → inbox: each repetition of the steady rate, and of the burst. */
    public final List<CancelToInbox.Result> cancel = new ArrayList<>();
    public final List<CancelToInbox.Burst> cancelBurst = new ArrayList<>();
    public Map<String, String> expiry = new LinkedHashMap<>();

    public Map<String, Double> readySeconds = new LinkedHashMap<>();
    public Map<String, Double> quarkusStartSeconds = new LinkedHashMap<>();
    public String startedHow;
    /** benchmarks/startup.sh's starts on each JDK, with and without the cache; null when not measured (the smoke). */
    public StartupTimes startup;
    public Map<String, Long> idleRss = new LinkedHashMap<>();
    public Map<String, Long> loadRss = new LinkedHashMap<>();
    public Map<String, Long> highWater = new LinkedHashMap<>();
}
