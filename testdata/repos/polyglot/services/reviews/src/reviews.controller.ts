import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';

import { ModeratorGuard } from './moderator.guard';
import { CreateReviewDto, ReviewsService } from './reviews.service';

@Controller('trips/:tripId/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  list(@Param('tripId') tripId: string, @Query('page') page = '1') {
    return this.reviews.list(tripId, Number(page));
  }

  @Post()
  create(@Param('tripId') tripId: string, @Body() dto: CreateReviewDto) {
    return this.reviews.create(tripId, dto);
  }

  @Delete(':reviewId')
  @HttpCode(204)
  @UseGuards(ModeratorGuard)
  remove(@Param('tripId') tripId: string, @Param('reviewId') reviewId: string) {
    return this.reviews.remove(tripId, reviewId);
  }
}
