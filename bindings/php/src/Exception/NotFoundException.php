<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * 404: unknown path, product, order or reservation.
 */
class NotFoundException extends ElkoErrorException
{
    public const STATUS = -6;
}
