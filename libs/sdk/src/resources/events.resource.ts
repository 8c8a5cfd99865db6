import type { HttpClient } from '../http-client.js';
import type { Event, List, ListEventsParams, RequestOptions } from '../types.js';

export class EventsResource {
  constructor(private readonly http: HttpClient) {}

  /** The merchant's events, newest first. */
  list(params: ListEventsParams = {}, options?: RequestOptions): Promise<List<Event>> {
    return this.http.request({ method: 'GET', path: '/api/v1/events', query: { ...params }, options });
  }
}
