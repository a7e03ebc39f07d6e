import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal';
import { BoardService } from './board.service';
import { BoardQuery } from './dto/board.dto';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class SupervisionController {
  constructor(private readonly boards: BoardService) {}

  /**
   * 督办看板: counts by status and light, the overdue list, figures per lead unit and per owner
   * (none per owner when the council's policy says `board.rankPeople: false`). Chair, supervisors, admin.
   */
  @Get('supervision/board')
  board(@CurrentUser() caller: Principal, @Query() query: BoardQuery) {
    return this.boards.board(caller, query);
  }
}
