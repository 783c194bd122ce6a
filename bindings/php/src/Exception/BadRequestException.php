<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * ELKO answered 400. ELKO's own message (plain text, e.g. "The Lines field is required.") is
 * getElkoMessage().
 */
class BadRequestException extends ElkoErrorException
{
    public const STATUS = -2;

    /** ELKO's message, e.g. "The Lines field is required." (the body of its 400 answer). */
    public function getElkoMessage(): string
    {
        return $this->getBody() ?? '';
    }
}
