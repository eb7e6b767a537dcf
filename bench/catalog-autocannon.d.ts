// The part of autocannon's API the catalog bench uses (the package ships no types).
declare module 'autocannon' {
  interface Options { url: string; connections?: number; duration?: number; headers?: Record<string, string>; pipelining?: number }
  interface Histogram { average: number; p50: number; p97_5: number; p99: number; mean: number }
  interface Result { requests: Histogram; latency: Histogram; throughput: Histogram; errors: number; timeouts: number; non2xx: number; '2xx': number }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
