import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { warmUpSegmenter } from '@firsthand/search';
import { SavedViews } from './saved-views.service.js';
import { SearchController } from './search.controller.js';
import { SearchTickets } from './search-tickets.use-case.js';

/** `GET /api/search` and saved views. */
@Module({ controllers: [SearchController], providers: [SearchTickets, SavedViews] })
export class SearchModule implements OnApplicationBootstrap {
  /** jieba loads its dictionary on first use (~0.5 s): pay that at start, not on the first request. */
  onApplicationBootstrap(): void {
    warmUpSegmenter();
  }
}
